/**
 * Errors that reach a user: one line saying what happened, to which file,
 * and what to do. The CLI prints `corpuslint: <message>` and exits with the
 * error's code; anything else that escapes is a bug and says so.
 */
export const EXIT_CLEAN = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILED = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}
