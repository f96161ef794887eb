import { addDays, type ProductionCalendar } from './production-calendar';
import { fromLocal, toLocal } from './zoned-time';

export const URGENCIES = ['PLANNED', 'URGENT', 'EMERGENCY'] as const;
/** Форма оказания: плановая / неотложная / экстренная (НСИ 1.2.643.5.1.13.13.11.1551). */
export type Urgency = (typeof URGENCIES)[number];

/**
 * A versioned rule set of answer deadlines for a region (defaults from [001], domain.md §3). A new version
 * applies to requests received from `effectiveFrom`; requests keep the version they were computed with.
 */
export interface DeadlineRuleSet {
  readonly id: string;
  readonly version: number;
  readonly regionId: string | null;
  readonly effectiveFrom: string;
  /** Planned: the answer within N working days of receipt, on the production calendar. */
  readonly planned: { readonly workingDays: number };
  /** Urgent: calendar hours (3–24) by profile (specialty code), else the default. */
  readonly urgent: { readonly defaultHours: number; readonly byProfile: Readonly<Record<string, number>> };
  /** Emergency: the oral conclusion within minutes (5–180) by profile; documents within working days. */
  readonly emergency: {
    readonly oralMinutes: number;
    readonly byProfile: Readonly<Record<string, number>>;
    readonly documentsWorkingDays: number;
  };
  /** Share of the time after which a warning is raised. */
  readonly warnAtShare: number;
  /** While waiting for additional data from the requester: does the clock stop? */
  readonly waitingForData: 'PAUSE' | 'RUN';
}

export const DEFAULT_RULES: DeadlineRuleSet = {
  id: 'default',
  version: 1,
  regionId: null,
  effectiveFrom: '2025-01-01T00:00:00Z',
  planned: { workingDays: 4 },
  urgent: { defaultHours: 24, byProfile: { '39': 6, '8': 3, '53': 6, '54': 6 } },
  emergency: { oralMinutes: 180, byProfile: { '8': 5, '39': 30, '53': 30 }, documentsWorkingDays: 1 },
  warnAtShare: 0.8,
  waitingForData: 'PAUSE',
};

export function validateRules(rules: DeadlineRuleSet): string[] {
  const problems: string[] = [];
  if (
    !Number.isInteger(rules.planned.workingDays) ||
    rules.planned.workingDays < 1 ||
    rules.planned.workingDays > 30
  )
    problems.push('planned.workingDays must be 1–30');
  const hours = [rules.urgent.defaultHours, ...Object.values(rules.urgent.byProfile)];
  if (hours.some((h) => !(h >= 3 && h <= 24))) problems.push('urgent hours must be 3–24');
  const minutes = [rules.emergency.oralMinutes, ...Object.values(rules.emergency.byProfile)];
  if (minutes.some((m) => !(m >= 5 && m <= 180))) problems.push('emergency oral minutes must be 5–180');
  if (!(rules.emergency.documentsWorkingDays >= 1 && rules.emergency.documentsWorkingDays <= 5))
    problems.push('emergency documents working days must be 1–5');
  if (!(rules.warnAtShare > 0 && rules.warnAtShare < 1)) problems.push('warnAtShare must be between 0 and 1');
  return problems;
}

/**
 * Adds N working days in the given zone. The period ends at the same local time on the N-th working day
 * after the day of `start`; when `start` falls on a non-working day the period starts at 00:00 of the next
 * working day (so a request received on Saturday with N = 4 is due at the end of Thursday).
 */
export function addWorkingDays(
  start: Date,
  days: number,
  timeZone: string,
  calendar: ProductionCalendar,
): Date {
  const local = toLocal(start, timeZone);
  let date = local.date;
  let minutes = local.minutes;
  if (!calendar.isWorkingDay(date)) {
    do date = addDays(date, 1);
    while (!calendar.isWorkingDay(date));
    minutes = 0;
  }
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) counted++;
  }
  return fromLocal({ date, minutes }, timeZone);
}

export interface DeadlineInput {
  readonly urgency: Urgency;
  readonly profileCode: string | null;
  readonly receivedAt: Date;
  /** The consulting organisation's IANA zone (for planned deadlines and the documents deadline). */
  readonly timeZone: string;
  readonly calendar: ProductionCalendar;
  readonly rules: DeadlineRuleSet;
}

export interface Deadline {
  readonly dueAt: Date;
  readonly warnAt: Date;
  /** Emergency: the written documents are due this long after the oral conclusion (computed then). */
  readonly kind: 'ANSWER' | 'ORAL_CONCLUSION';
  readonly ruleSet: string;
  readonly calendar: string;
}

export function warnAtOf(start: Date, due: Date, share: number): Date {
  return new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) * share));
}

export function computeDeadline(input: DeadlineInput): Deadline {
  const { rules, receivedAt } = input;
  let dueAt: Date;
  let kind: Deadline['kind'] = 'ANSWER';
  switch (input.urgency) {
    case 'PLANNED':
      dueAt = addWorkingDays(receivedAt, rules.planned.workingDays, input.timeZone, input.calendar);
      break;
    case 'URGENT': {
      const hours =
        (input.profileCode && rules.urgent.byProfile[input.profileCode]) || rules.urgent.defaultHours;
      dueAt = new Date(receivedAt.getTime() + hours * 3_600_000);
      break;
    }
    case 'EMERGENCY': {
      const minutes =
        (input.profileCode && rules.emergency.byProfile[input.profileCode]) || rules.emergency.oralMinutes;
      dueAt = new Date(receivedAt.getTime() + minutes * 60_000);
      kind = 'ORAL_CONCLUSION';
      break;
    }
  }
  return {
    dueAt,
    warnAt: warnAtOf(receivedAt, dueAt, rules.warnAtShare),
    kind,
    ruleSet: `${rules.id}/${rules.version}`,
    calendar: input.calendar.id,
  };
}

/** Emergency: after the oral conclusion, the written conclusion is due within N working days. */
export function documentsDeadline(
  oralAt: Date,
  timeZone: string,
  calendar: ProductionCalendar,
  rules: DeadlineRuleSet,
): Date {
  return addWorkingDays(oralAt, rules.emergency.documentsWorkingDays, timeZone, calendar);
}
