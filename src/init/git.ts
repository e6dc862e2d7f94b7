/**
 * The git facts `init` needs, read with `git` itself (an argument array, never a shell): the work tree
 * root, the folder git runs hooks from (which honours `core.hooksPath`), and where that setting comes
 * from. Read-only.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface GitRepository {
  /** The work tree root: git runs hooks with it as the current folder. */
  top: string;
  /** The absolute folder git runs hooks from. */
  hooksDir: string;
  /** `core.hooksPath` as configured, and the config scope that sets it (`local`, `global`, `system`, `worktree`, `command`). */
  hooksPath?: { value: string; scope: string };
}

export type GitLookup = { repository: GitRepository } | { problem: string };

export function findRepository(root: string): GitLookup {
  const paths = git(['rev-parse', '--show-toplevel', '--git-path', 'hooks'], root);
  if (paths.missing) return { problem: 'git is not installed (no git executable on PATH)' };
  if (paths.status !== 0) {
    const reason = paths.stderr.trim().split('\n')[0]?.replace(/^fatal: /, '') ?? '';
    return { problem: /not a git repository/i.test(reason) ? `${root} is not in a git repository` : `git cannot tell where this repository's hooks are (${reason})` };
  }
  const [top, hooks] = paths.stdout.split('\n');
  const configured = git(['config', '--show-scope', '--get', 'core.hooksPath'], root);
  const match = configured.status === 0 ? /^(\S+)\t(.*)$/.exec(configured.stdout.replace(/\n$/, '')) : null;
  return { repository: { top, hooksDir: resolve(root, hooks), hooksPath: match ? { scope: match[1], value: match[2] } : undefined } };
}

function git(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string; missing: boolean } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', missing };
}
