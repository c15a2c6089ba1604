/**
 * Links to the project's own files (README, rule pages) that a person or a
 * code-scanning service can open: in the project's repository, on its
 * default branch. A `file://` link into node_modules opens nowhere but on the
 * machine that ran the lint (GitHub shows it as a dead link). Core code
 * (messages) links to rule docs, so this reads nothing: the address is
 * package.json's `repository`, which a test keeps it equal to.
 */
export const REPOSITORY_WEB_URL = 'https://github.com/corpuslint/corpuslint';

/** A file of the project by its path in the repository. */
export function projectFileUrl(relativePath: string): string {
  return `${REPOSITORY_WEB_URL}/blob/main/${relativePath}`;
}
