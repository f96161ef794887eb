import { readFileSync } from 'node:fs';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import { AuditAnchorService } from '@tmk/audit-infrastructure';

export const auditAnchorProvider: Provider = {
  provide: AuditAnchorService,
  inject: [getDataSourceToken(), APP_CONFIG],
  useFactory: (db: DataSource, config: AppConfig) =>
    new AuditAnchorService(db, {
      signingKeyPem: config.AUDIT_SIGNING_KEY_FILE
        ? readFileSync(config.AUDIT_SIGNING_KEY_FILE, 'utf8')
        : null,
      anchorDir: config.AUDIT_ANCHOR_DIR ?? null,
    }),
};

const DAY_MS = 24 * 3600_000;
const CHECK_EVERY_MS = 3600_000;
/** One replica does the maintenance at a time (PostgreSQL advisory lock). */
const LOCK_KEY = 0x746d6b61; // 'tmka'

/**
 * Worker-side audit upkeep: monthly partitions a year ahead, and a signed anchor of the chain head at least
 * once a day (checked hourly and at start).
 */
@Injectable()
export class AuditMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditMaintenance');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly anchors: AuditAnchorService,
    @Inject(getDataSourceToken()) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.anchors.enabled) this.logger.warn('AUDIT_SIGNING_KEY_FILE is not set: no daily audit anchors');
    void this.run();
    this.timer = setInterval(() => void this.run(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    const runner = this.db.createQueryRunner();
    try {
      const [lock]: { ok: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock($1) AS ok`, [
        LOCK_KEY,
      ]);
      if (!lock?.ok) return;
      try {
        const created = await this.anchors.ensurePartitions();
        if (created) this.logger.log(`created ${created} audit partitions`);
        const last = await this.anchors.lastAnchorAt();
        if (this.anchors.enabled && (!last || Date.now() - last.getTime() >= DAY_MS)) {
          const anchor = await this.anchors.anchorNow();
          if (anchor) this.logger.log(`audit anchor signed at seq ${anchor.seq}`);
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      }
    } catch (error) {
      this.logger.error(
        `audit maintenance failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await runner.release();
    }
  }
}
