import { z } from 'zod';

/**
 * All configuration comes from the environment and is validated once at start. A bad or missing value stops
 * the process with one message that names every offending variable (see `formatConfigError`).
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z
    .string({ error: 'is required (postgres://user:password@host:port/database)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z
    .string({ error: 'is required (redis://host:port/db)' })
    .regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('tmk'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default(false),
  /** Directory with the built SPAs (doctor/, patient/, coordinator/); served by the api when present. */
  WEB_DIST_DIR: z.string().default('dist/web'),
  /** Integration event delivery: attempts per consumer before the event goes to the dead-letter list. */
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** First retry delay; doubles on every attempt (exponential backoff). */
  EVENT_BACKOFF_MS: z.coerce.number().int().min(10).default(1000),
  /** A crashed worker's jobs are redelivered after this lock period (BullMQ lock and stalled check). */
  EVENT_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Private key (PEM file; Ed25519 recommended) that signs the daily audit anchors; unset = no anchors. */
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  /** A directory, ideally on other storage, where each anchor is also appended (audit-anchors.jsonl). */
  AUDIT_ANCHOR_DIR: z.string().optional(),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /**
   * Bearer token for operator endpoints (dead letters, replays) until staff login lands; when unset those
   * endpoints refuse every caller. Never has a default.
   */
  OPS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Sessions of the SPAs: idle timeout and absolute lifetime (ADR 0009). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** Secure cookies; by default on unless PUBLIC_URL is plain http on localhost. */
  COOKIE_SECURE: bool.optional(),
  /** Password login throttling: failures per login within the window lock the login for the window. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Lifetime of integrator access tokens (OAuth2 client credentials). */
  INTEGRATOR_TOKEN_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /**
   * «Госуслуги (демо)» OpenID Connect login (ADR 0010): enabled only when all three are set. `npm start`
   * runs the demo provider (apps/demo-idp) and sets them.
   */
  OIDC_ESIA_DEMO_ISSUER: z.url().optional(),
  OIDC_ESIA_DEMO_CLIENT_ID: z.string().min(1).optional(),
  OIDC_ESIA_DEMO_CLIENT_SECRET: z.string().min(1).optional(),
  /** Deadline timers: how often the worker re-arms every pending timer from the database (0 = only at start
   * and after a Redis reconnect). */
  SLA_SWEEP_MS: z.coerce.number().int().min(0).default(300_000),
  /** Files of consultation requests: a local folder (relative to the working directory) unless S3_BUCKET is set. */
  ATTACHMENTS_DIR: z.string().min(1).default('.tmk/attachments'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  ATTACHMENTS_PER_REQUEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(500 * 1024 * 1024),
  /** S3 or MinIO for those files (production): used when S3_BUCKET is set; S3_ENDPOINT e.g. http://minio:9000. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.url().default('https://s3.amazonaws.com'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Signing: a folder of trusted CA certificates (*.pem, *.cer, *.crt, *.der) and CRLs (*.crl), read at start
   * and trusted besides those administrators add in the application. */
  SIGNING_TRUST_DIR: z.string().optional(),
  /** Reject signatures whose chain has a CA without a current CRL (REVOCATION_UNKNOWN). */
  SIGNING_REQUIRE_CRL: bool.default(true),
  /** How far back signingTime may be from receipt (minutes) and ahead of it (minutes). */
  SIGNING_TIME_BACK_MINUTES: z.coerce.number().int().min(1).max(525_600).default(1440),
  SIGNING_TIME_AHEAD_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Public verification page: verifications per client address per minute. */
  SIGNING_VERIFY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Largest PDF (and stamped copy) the public page accepts. */
  SIGNING_VERIFY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const got = env[name];
    const shown = got === undefined ? 'not set' : /TOKEN|PASSWORD|SECRET/.test(name) ? 'set' : `"${got}"`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
