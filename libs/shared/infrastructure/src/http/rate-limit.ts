import {
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import { DomainError } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface RateLimitSpec {
  /** The limit's name: each name counts separately. */
  readonly name: string;
  /** Calls per client address per minute (read from the configuration). */
  readonly perMinute: (config: AppConfig) => number;
}

const RATE_LIMIT = 'tmk:rate-limit';
const WINDOW_SECONDS = 60;

/**
 * Fixed one-minute windows per client address and limit name, counted in Redis (every api instance shares
 * them). Over the limit: 429 `HTTP.RATE_LIMITED` with Retry-After. If Redis cannot be reached the call goes
 * through (logged): the limit protects capacity, it is not an access rule.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitGuard.name);
  private redis: Redis | null = null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<RateLimitSpec | undefined>(RATE_LIMIT, context.getHandler());
    if (!spec) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `${this.config.QUEUE_PREFIX}:rate:${spec.name}:${request.ip ?? 'unknown'}:${window}`;
    let count: number;
    try {
      this.redis ??= new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
      const [[, n]] = (await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS).exec()) as [
        [Error | null, number],
      ];
      count = n;
    } catch (e) {
      this.logger.warn(`rate limit ${spec.name} not counted: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    }
    if (count > spec.perMinute(this.config)) {
      const retryAfterSeconds = WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS);
      throw new DomainError('HTTP.RATE_LIMITED', 'rate_limited', 'Too many requests; try again shortly', [], {
        retryAfterSeconds,
      });
    }
    return true;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

/** Limits how often one client address may call the handler (see RateLimitGuard). */
export const RateLimit = (spec: RateLimitSpec): MethodDecorator =>
  applyDecorators(SetMetadata(RATE_LIMIT, spec), UseGuards(RateLimitGuard));
