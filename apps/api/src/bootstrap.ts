import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { requestIdMiddleware, type AppConfig } from '@tmk/shared-infrastructure';
import { AppModule } from './app.module';
import { setupOpenApi } from './openapi';
import { serveSpas } from './spa';

/** Builds the api application (used by main.ts and by the integration tests). */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'media-src': ["'self'", 'blob:'],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': config.PUBLIC_URL.startsWith('https:') ? [] : null,
        },
      },
      hsts: config.PUBLIC_URL.startsWith('https:'),
    }),
  );
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '16kb', extended: false });
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });
  app.useWebSocketAdapter(new IoAdapter(app));
  app.enableShutdownHooks();
  setupOpenApi(app);
  serveSpas(app.getHttpAdapter().getInstance(), config.WEB_DIST_DIR);
  return app;
}
