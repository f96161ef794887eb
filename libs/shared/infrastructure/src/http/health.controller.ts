import { Controller, Get, HttpCode, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { DomainError } from '@tmk/shared-kernel';
import { Access } from './access';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** The api's own small Redis connection for readiness checks; closed on shutdown. */
@Injectable()
export class HealthRedis implements OnModuleDestroy {
  readonly client: Redis;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.client.on('error', () => undefined); // readiness reports it; no unhandled error events
  }
  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}

/** Liveness says the process runs; readiness says it can serve (PostgreSQL and Redis answer). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: HealthRedis,
  ) {}

  @Get('live')
  @Access.public('load balancers and orchestrators probe it')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access.public('load balancers and orchestrators probe it')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    const checks = await Promise.allSettled([
      withTimeout(this.dataSource.query('SELECT 1'), 2000),
      withTimeout(this.redis.client.ping(), 2000),
    ]);
    const [pg, redis] = checks.map((c) => c.status === 'fulfilled');
    if (!pg || !redis) {
      throw new DomainError('HEALTH.NOT_READY', 'unavailable', 'A dependency does not answer', [], {
        checks: { postgres: pg ? 'up' : 'down', redis: redis ? 'up' : 'down' },
      });
    }
    return { status: 'ok', checks: { postgres: 'up', redis: 'up' } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}
