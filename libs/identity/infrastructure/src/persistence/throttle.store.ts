import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ThrottleStore } from '@tmk/identity-application';
import type { ThrottleState } from '@tmk/identity-domain';

interface Row {
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

const toState = (r: Row): ThrottleState => ({
  failures: r.failures,
  windowStartedAt: r.window_started_at,
  lockedUntil: r.locked_until,
});

/** Throttle state in PostgreSQL: shared by every api replica, updated under a row lock (no lost failures). */
@Injectable()
export class SqlThrottleStore implements ThrottleStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(key: string): Promise<ThrottleState | null> {
    const [row]: Row[] = await this.db.query(`SELECT * FROM identity.login_throttle WHERE login_key = $1`, [
      key,
    ]);
    return row ? toState(row) : null;
  }

  async update(key: string, next: (current: ThrottleState | null) => ThrottleState): Promise<ThrottleState> {
    return this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO identity.login_throttle (login_key, failures, window_started_at) VALUES ($1, 0, now())
         ON CONFLICT (login_key) DO NOTHING`,
        [key],
      );
      const [row]: Row[] = await em.query(
        `SELECT * FROM identity.login_throttle WHERE login_key = $1 FOR UPDATE`,
        [key],
      );
      const current = row && row.failures > 0 ? toState(row) : null;
      const state = next(current);
      await em.query(
        `UPDATE identity.login_throttle SET failures = $2, window_started_at = $3, locked_until = $4 WHERE login_key = $1`,
        [key, state.failures, state.windowStartedAt, state.lockedUntil],
      );
      return state;
    });
  }

  async clear(key: string): Promise<void> {
    await this.db.query(`DELETE FROM identity.login_throttle WHERE login_key = $1`, [key]);
  }
}
