/**
 * Hermetic git for tests: no global or system config (a developer's own core.hooksPath or signing must
 * not leak in), none of the GIT_* variables of a hook the test suite itself may run under (a pre-commit
 * hook sets GIT_INDEX_FILE), no HUSKY switch, and a fixed identity for commits.
 */
import { spawnSync } from 'node:child_process';

export const gitEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && key !== 'HUSKY')),
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Runs git in `cwd` with `gitEnv`; throws with its output on failure, returns stdout. */
export function runGit(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return result.stdout;
}
