import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError } from '@tmk/shared-kernel';
import {
  DEFAULT_RULES,
  ProductionCalendar,
  RUSSIA_2025_2027,
  withOverrides,
  type DeadlineRuleSet,
} from '@tmk/consultations-domain';
import type {
  CalendarCorrection,
  DeadlineAdminStore,
  DeadlinePolicy,
  RuleSetVersion,
} from '@tmk/consultations-application';

const NATIONWIDE = 'RU';
const TTL_MS = 60_000;

/**
 * Deadline rules from `consultations.deadline_rules`: the newest version in force for the region, else the
 * newest nationwide one (region NULL), else the defaults of [001]. The production calendar is the shipped
 * Russian one with administrators' corrections (nationwide, then the region's). Both cached for a minute
 * per process; an administrator's change clears this process's cache at once.
 */
@Injectable()
export class SqlDeadlinePolicy implements DeadlinePolicy, DeadlineAdminStore {
  private readonly rulesCache = new Map<string, { at: number; rules: DeadlineRuleSet }>();
  private readonly calendarCache = new Map<string, { at: number; calendar: ProductionCalendar }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async rulesFor(regionId: string, at: Date): Promise<DeadlineRuleSet> {
    const cached = this.rulesCache.get(regionId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.rules;
    const [row]: { rules: DeadlineRuleSet }[] = await this.db.query(
      `SELECT rules FROM consultations.deadline_rules
        WHERE (region_id = $1 OR region_id IS NULL) AND effective_from <= $2
        ORDER BY (region_id IS NULL), effective_from DESC, version DESC LIMIT 1`,
      [regionId, at],
    );
    const rules = row?.rules ?? DEFAULT_RULES;
    this.rulesCache.set(regionId, { at: Date.now(), rules });
    return rules;
  }

  async calendar(regionId: string | null): Promise<ProductionCalendar> {
    const key = regionId ?? NATIONWIDE;
    const cached = this.calendarCache.get(key);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.calendar;
    const rows: { scope: string; day: string; working: boolean }[] = await this.db.query(
      `SELECT scope, to_char(day, 'YYYY-MM-DD') AS day, working FROM consultations.calendar_override
        WHERE scope = $1 OR scope = $2 ORDER BY (scope = $1) DESC, day`,
      [NATIONWIDE, key],
    );
    const revision = createHash('sha256')
      .update(rows.map((r) => `${r.scope}:${r.day}:${r.working ? 1 : 0}`).join(','))
      .digest('hex')
      .slice(0, 8);
    const calendar = new ProductionCalendar(
      withOverrides(
        RUSSIA_2025_2027,
        rows.map((r) => ({ date: r.day, working: r.working })),
        revision,
      ),
    );
    this.calendarCache.set(key, { at: Date.now(), calendar });
    return calendar;
  }

  // ── administration ────────────────────────────────────────────────────────────────────────────────

  async versions(regionId: string | null): Promise<RuleSetVersion[]> {
    const rows: { rules: DeadlineRuleSet; created_at: Date; created_by: string | null }[] =
      await this.db.query(
        `SELECT rules, created_at, created_by FROM consultations.deadline_rules
        WHERE region_id IS NOT DISTINCT FROM $1 ORDER BY version DESC LIMIT 50`,
        [regionId],
      );
    return rows.map((r) => ({ rules: r.rules, createdAt: r.created_at, createdBy: r.created_by }));
  }

  async publish(
    regionId: string | null,
    rules: Omit<DeadlineRuleSet, 'id' | 'version' | 'regionId'>,
    expectedVersion: number,
    by: string,
  ): Promise<DeadlineRuleSet> {
    const id = regionId ?? NATIONWIDE;
    const saved = await this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('deadline_rules:' || $1))`, [id]);
      const [row]: { version: number | null }[] = await em.query(
        `SELECT max(version) AS version FROM consultations.deadline_rules WHERE id = $1`,
        [id],
      );
      const current = row?.version ?? 0;
      if (current !== expectedVersion) {
        throw DomainError.conflict('CONSULTATIONS.STALE_RULES', 'The rules were changed meanwhile', {
          current: { version: current },
        });
      }
      const next: DeadlineRuleSet = { ...rules, id, version: current + 1, regionId };
      await em.query(
        `INSERT INTO consultations.deadline_rules (id, version, region_id, effective_from, rules, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, next.version, regionId, next.effectiveFrom, JSON.stringify(next), by],
      );
      return next;
    });
    this.rulesCache.clear();
    return saved;
  }

  async corrections(regionId: string | null, year: number): Promise<CalendarCorrection[]> {
    const rows: { scope: string; day: string; working: boolean; note: string; changed_at: Date }[] =
      await this.db.query(
        `SELECT scope, to_char(day, 'YYYY-MM-DD') AS day, working, note, changed_at
           FROM consultations.calendar_override
          WHERE (scope = $1 OR scope = $2) AND day >= make_date($3, 1, 1) AND day < make_date($3 + 1, 1, 1)
          ORDER BY day, scope`,
        [NATIONWIDE, regionId ?? NATIONWIDE, year],
      );
    return rows.map((r) => ({
      scope: r.scope === NATIONWIDE ? 'RU' : 'REGION',
      date: r.day,
      working: r.working,
      note: r.note,
      changedAt: r.changed_at,
    }));
  }

  async correct(regionId: string | null, date: string, working: boolean, note: string, by: string) {
    await this.db.query(
      `INSERT INTO consultations.calendar_override (scope, day, working, note, changed_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, day) DO UPDATE SET working = $3, note = $4, changed_by = $5, changed_at = now()`,
      [regionId ?? NATIONWIDE, date, working, note, by],
    );
    this.calendarCache.clear();
  }

  async removeCorrection(regionId: string | null, date: string): Promise<boolean> {
    const [, n]: [unknown, number] = await this.db.query(
      `DELETE FROM consultations.calendar_override WHERE scope = $1 AND day = $2`,
      [regionId ?? NATIONWIDE, date],
    );
    this.calendarCache.clear();
    return n > 0;
  }
}
