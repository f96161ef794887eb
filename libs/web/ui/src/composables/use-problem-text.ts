import { useI18n } from 'vue-i18n';
import { ApiProblem, isApiProblem } from '@tmk/web-api-client';
import { fieldErrorMessageKey, problemMessageKey, problemMessageParams } from '@tmk/web-i18n';

export interface ProblemText {
  /** The person-facing message of a failed call (translated by its code, with its parameters). */
  message(problem: unknown): string;
  /** The message of one field error code (`SNILS_CHECKSUM`, `PASSWORD_TOO_SHORT`, …). */
  field(code: string | null | undefined): string;
  /** The first error the problem reports for `field`, translated; null when it names none. */
  fieldError(problem: ApiProblem | null | undefined, field: string): string | null;
  /** Any failure (an ApiProblem or an unexpected throw) as an ApiProblem. */
  asProblem(error: unknown): ApiProblem;
}

/** Turns api problems into text in the current language (call inside `setup`). */
export function useProblemText(): ProblemText {
  const { t } = useI18n();
  // Network failures already arrive as ApiProblem (NETWORK.UNREACHABLE); anything else is a bug here.
  const asProblem = (error: unknown): ApiProblem =>
    isApiProblem(error)
      ? error
      : new ApiProblem(-1, 'CLIENT.UNEXPECTED', error instanceof Error ? error.message : String(error));
  const field = (code: string | null | undefined): string => t(fieldErrorMessageKey(code));
  return {
    asProblem,
    field,
    message(error) {
      const problem = asProblem(error);
      return t(
        problemMessageKey(problem.code, problem.status),
        problemMessageParams(problem.code, problem.extensions),
      );
    },
    fieldError(problem, name) {
      const first = problem?.fieldErrors(name)[0];
      return first ? field(first.code) : null;
    },
  };
}
