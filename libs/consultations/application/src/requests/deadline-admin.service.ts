import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { DEFAULT_RULES, daysOffOf, validateRules, type DeadlineRuleSet } from '@tmk/consultations-domain';
import {
  DEADLINE_ADMIN_STORE,
  DEADLINE_POLICY,
  type CalendarCorrection,
  type DeadlineAdminStore,
  type DeadlinePolicy,
  type RuleSetVersion,
} from './ports';

export type RulesInput = Omit<DeadlineRuleSet, 'id' | 'version' | 'regionId'>;

export interface RulesView {
  readonly regionId: string | null;
  /** What applies to new requests now (the region's own, else nationwide, else the defaults). */
  readonly inForce: DeadlineRuleSet;
  /** The newest version of this scope's own rule set (0 = none yet): send it back when publishing. */
  readonly version: number;
  readonly history: readonly RuleSetVersion[];
}

export interface CalendarView {
  readonly year: number;
  readonly calendarId: string;
  readonly daysOff: readonly string[];
  readonly corrections: readonly CalendarCorrection[];
}

/**
 * Deadline rules and the production calendar, as administrators keep them: regional administrators for
 * their region, system administrators nationwide (region null) or for any region.
 */
@Injectable()
export class DeadlineAdminService {
  constructor(
    @Inject(DEADLINE_ADMIN_STORE) private readonly store: DeadlineAdminStore,
    @Inject(DEADLINE_POLICY) private readonly policy: DeadlinePolicy,
  ) {}

  /** The region an administrator may act on: their own; a system administrator any (null = nationwide). */
  scope(actor: Actor, requested: string | null | undefined, write: boolean): string | null {
    if (actor.kind !== 'staff') throw DomainError.forbidden('ACCESS.DENIED', 'Administrators only');
    if (actor.roles.includes('SYSTEM_ADMIN')) return requested ?? null;
    if (actor.regionId && (requested === undefined || requested === actor.regionId)) return actor.regionId;
    if (!write && actor.regionId && requested === null) return null; // may read the nationwide baseline
    throw DomainError.forbidden('ACCESS.DENIED', 'You administer your own region only');
  }

  async rules(actor: Actor, regionId: string | null | undefined): Promise<RulesView> {
    const scope = this.scope(actor, regionId, false);
    const history = await this.store.versions(scope);
    const inForce = scope
      ? await this.policy.rulesFor(scope, new Date())
      : (history[0]?.rules ?? DEFAULT_RULES);
    return { regionId: scope, inForce, version: history[0]?.rules.version ?? 0, history };
  }

  async publish(
    actor: Actor,
    regionId: string | null | undefined,
    input: RulesInput,
    expectedVersion: number,
  ): Promise<DeadlineRuleSet> {
    const scope = this.scope(actor, regionId, true);
    const candidate: DeadlineRuleSet = { ...input, id: 'candidate', version: 0, regionId: scope };
    const problems = validateRules(candidate);
    if (problems.length) {
      throw DomainError.validation(
        'CONSULTATIONS.INVALID_RULES',
        'The deadline rules are not valid',
        problems.map((message) => ({ field: message.split(' ')[0] ?? 'rules', code: 'RANGE', message })),
      );
    }
    return this.store.publish(scope, input, expectedVersion, (actor as { userId: string }).userId);
  }

  async calendar(actor: Actor, regionId: string | null | undefined, year: number): Promise<CalendarView> {
    const scope = this.scope(actor, regionId, false);
    const calendar = await this.policy.calendar(scope);
    return {
      year,
      calendarId: calendar.id,
      daysOff: daysOffOf(calendar, year),
      corrections: await this.store.corrections(scope, year),
    };
  }

  async correct(
    actor: Actor,
    regionId: string | null | undefined,
    date: string,
    working: boolean,
    note: string,
  ): Promise<void> {
    const scope = this.scope(actor, regionId, true);
    await this.store.correct(scope, date, working, note, (actor as { userId: string }).userId);
  }

  async removeCorrection(actor: Actor, regionId: string | null | undefined, date: string): Promise<void> {
    const scope = this.scope(actor, regionId, true);
    if (!(await this.store.removeCorrection(scope, date))) {
      throw DomainError.notFound('CONSULTATIONS.NO_CORRECTION', 'No correction for this date');
    }
  }
}
