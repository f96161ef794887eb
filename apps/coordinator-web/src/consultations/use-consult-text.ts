import { useI18n } from 'vue-i18n';
import { isApiProblem } from '@tmk/web-api-client';
import {
  deadlineView,
  formatDuration,
  useProblemText,
  type DeadlineFacts,
  type DeadlineTone,
  type DurationUnits,
} from '@tmk/web-ui';
import type { RequestStatus, Urgency } from './types';

/** Problem codes of the consultations api this app explains itself (the shared catalogue does not know them). */
const OWN_PROBLEMS = new Set([
  'CONCURRENT_CHANGE',
  'INVALID_TRANSITION',
  'ALREADY_FEDERAL',
  'REASON_REQUIRED',
  'UNKNOWN_CENTRE',
  'UNKNOWN_CONSULTANT',
  'WRONG_LEVEL',
  'CENTRE_REQUIRED',
  'NOT_ALLOWED',
  'NOT_FOUND',
  'CHAT_CLOSED',
]);

/** "Someone else changed it first" (409 with the current state): refresh and tell the dispatcher. */
export function isConcurrentChange(error: unknown): boolean {
  return isApiProblem(error) && error.code === 'CONSULTATIONS.CONCURRENT_CHANGE';
}

/** The state changed under the action (another dispatcher, a doctor, a timer): the screen should refresh. */
export function isStaleState(error: unknown): boolean {
  return (
    isApiProblem(error) &&
    (error.code === 'CONSULTATIONS.CONCURRENT_CHANGE' ||
      error.code === 'CONSULTATIONS.INVALID_TRANSITION' ||
      error.code === 'CONSULTATIONS.ALREADY_FEDERAL')
  );
}

export interface DeadlineText {
  readonly text: string;
  readonly tone: DeadlineTone | 'muted';
}

/** Labels of requests in the interface language (call inside `setup`). */
export function useConsultText() {
  const { t, locale } = useI18n();
  const problems = useProblemText();

  const cap = (text: string): string => text.charAt(0).toLocaleUpperCase(locale.value) + text.slice(1);
  const units = (): DurationUnits => ({
    days: (n) => t('consult.units.days', { n }),
    hours: (n) => t('consult.units.hours', { n }),
    minutes: (n) => t('consult.units.minutes', { n }),
    lessThanMinute: t('consult.units.lessThanMinute'),
  });

  return {
    cap,
    status: (s: RequestStatus): string => t(`consult.status.${s}`),
    urgency: (u: Urgency): string => t(`consult.urgency.${u}`),
    /** The countdown of a request at `now`: «осталось 2 ч 10 мин» (amber, red) or what else applies. */
    deadline(facts: DeadlineFacts, now: number): DeadlineText {
      const view = deadlineView(facts, now);
      switch (view.kind) {
        case 'left':
          return {
            text: t('consult.deadline.left', { time: formatDuration(view.ms, units()) }),
            tone: view.tone,
          };
        case 'overdue':
          return {
            text: t('consult.deadline.overdue', { time: formatDuration(view.ms, units()) }),
            tone: 'danger',
          };
        case 'paused':
          return { text: t('consult.deadline.paused'), tone: 'muted' };
        case 'answered':
          return view.late
            ? { text: t('consult.deadline.answeredLate'), tone: 'warning' }
            : { text: t('consult.deadline.answeredOnTime'), tone: 'muted' };
        case 'none':
          return { text: t('consult.deadline.none'), tone: 'muted' };
      }
    },
    /** A failed call as text: the consultations codes explained here, the rest by the shared catalogue. */
    problem(error: unknown): string {
      if (isApiProblem(error) && error.code.startsWith('CONSULTATIONS.')) {
        const code = error.code.slice('CONSULTATIONS.'.length);
        if (OWN_PROBLEMS.has(code)) return t(`consult.problems.${code}`);
      }
      return problems.message(error);
    },
  };
}
