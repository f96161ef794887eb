import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Short-lived state of one login in progress (PKCE verifier, nonce, state, where to return), kept in Redis
 * under a random id that only the browser holds (an httpOnly cookie). Taking it deletes it, so a callback
 * can be completed once. No server-side session framework is involved; api instances stay stateless.
 */
export class OidcTransactions {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly keyPrefix: string,
    readonly ttlSeconds = 600,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  }

  private key(id: string): string {
    return `${this.keyPrefix}:oidc-tx:${id}`;
  }

  /** Stores the transaction and returns its id (256 random bits). */
  async save(payload: object): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(id), JSON.stringify(payload), 'EX', this.ttlSeconds);
    return id;
  }

  /** Returns and deletes the transaction; null when unknown, expired or already used. */
  async take<T>(id: string): Promise<T | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const raw = await this.redis.getdel(this.key(id));
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
