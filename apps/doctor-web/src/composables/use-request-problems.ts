import { useI18n } from 'vue-i18n';
import type { ApiProblem } from '@tmk/web-api-client';
import { useProblemText } from '@tmk/web-ui';

const PREFIX = 'CONSULTATIONS.';

/**
 * Field error codes of the consultations api (class-validator's and the domain's) whose message on the
 * request pages says more than the shared one; the rest (REQUIRED, UNKNOWN, WRONG_LEVEL…) use `fieldErrors.*`.
 */
const FIELD_CODES: Readonly<Record<string, string>> = {
  isNotEmpty: 'fieldErrors.REQUIRED',
  minLength: 'fieldErrors.REQUIRED',
  matches: 'requestForm.errors.ICD10_FORMAT',
  maxLength: 'requestForm.errors.TOO_LONG',
  CONSENT_REQUIRED: 'requestForm.errors.CONSENT_EMERGENCY_ONLY',
};

export interface RequestProblems {
  /**
   * The message of a failed call. The shared messages (libs/web/i18n: problems.ts) cover the consultations
   * codes; `requestProblems.*` holds only codes they do not name or where the request pages can say more
   * (e.g. that the conclusion typed here was kept).
   */
  message(error: unknown): string;
  /** The message of one field error code (ours, then the shared field messages). */
  field(code: string): string;
  asProblem(error: unknown): ApiProblem;
  /** A 409 saying the request changed meanwhile: the page reloads it. */
  isStale(problem: ApiProblem): boolean;
}

/** Problem texts for the request pages (call inside `setup`). */
export function useRequestProblems(): RequestProblems {
  const { t, te } = useI18n();
  const shared = useProblemText();
  return {
    asProblem: shared.asProblem,
    message(error) {
      const problem = shared.asProblem(error);
      if (problem.code.startsWith(PREFIX)) {
        const key = `requestProblems.${problem.code.slice(PREFIX.length)}`;
        if (te(key)) return t(key);
      }
      return shared.message(problem);
    },
    field(code) {
      const key = FIELD_CODES[code];
      return key ? t(key) : shared.field(code);
    },
    isStale(problem) {
      return (
        problem.status === 409 &&
        (problem.code === 'CONSULTATIONS.CONCURRENT_CHANGE' ||
          problem.code === 'CONSULTATIONS.INVALID_TRANSITION')
      );
    },
  };
}
