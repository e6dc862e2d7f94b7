/**
 * Read-only git plumbing for `check --staged`. Git is the only program run, always as an argument
 * array (no shell), and no call can make git run anything else. What git could run, and why it does
 * not here:
 *
 * - `core.fsmonitor`: a hook git runs whenever it reads the index (`diff --cached` and `ls-files`
 *   do), so every call passes `-c core.fsmonitor=false`; a repository's own config cannot override a
 *   command-line `-c`.
 * - clean/smudge filters and `core.autocrlf` conversions run when git hashes or writes working-tree
 *   files (`git diff` against the working tree, `add`, `checkout`); textconv and external diff drivers
 *   run for patch output; `git show` applies textconv on request and runs `gpg.program` for signed
 *   commits. None of these commands are used: blobs come raw from `cat-file --batch`, the staged list
 *   from `diff --cached --raw` (index against HEAD, no working tree, no patch), and working-tree copies
 *   are compared with the index by hashing them here.
 * - hooks, aliases, the pager, the editor: only porcelain that commits, is aliased, or writes to a
 *   terminal runs them; output here goes to a pipe, with --no-pager besides.
 * - transports (`core.sshCommand`, credential helpers): a partial clone fetches missing blobs lazily;
 *   `protocol.allow=never` and GIT_NO_LAZY_FETCH forbid any fetch.
 * - the `git` binary itself: looked up in the absolute PATH entries only, because an empty or
 *   relative entry (and, on Windows, the current folder) would run a `git` file in the repository.
 *
 * GIT_DIR and GIT_INDEX_FILE are inherited on purpose: in a pre-commit hook they name the index being
 * committed (`git commit -a` and `git commit <paths>` commit a temporary index).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Git is missing, failed, or the folder is not in a work tree: the message says which, in one line. */
export class GitError extends Error {}

const SAFE_CONFIG = ['--no-pager', '-c', 'core.fsmonitor=false', '-c', 'protocol.allow=never'];

/**
 * The absolute path of the git executable from the absolute entries of PATH (an empty entry means the
 * current folder to execvp, and Windows searches the current folder before PATH).
 */
export function findGit(pathVariable = process.env.PATH ?? '', platform: NodeJS.Platform = process.platform): string | undefined {
  const name = platform === 'win32' ? 'git.exe' : 'git';
  for (const directory of pathVariable.split(platform === 'win32' ? ';' : delimiter)) {
    if (!directory || !isAbsolute(directory)) continue;
    const candidate = join(directory, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      if (platform !== 'win32') accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

let gitPath: string | undefined;

/** Runs `git <args>` in `cwd` and returns its stdout; throws GitError when it cannot run or exits non-zero. */
export function git(args: readonly string[], cwd: string, input?: string): Buffer {
  gitPath ??= findGit();
  if (!gitPath) throw new GitError('--staged needs git, and there is no git executable on PATH.');
  const result = spawnSync(gitPath, [...SAFE_CONFIG, ...args], {
    cwd,
    input,
    // A repository's staged TypeScript can be large; the output is read whole.
    maxBuffer: Number.POSITIVE_INFINITY,
    windowsHide: true,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' },
  });
  if (result.error) throw new GitError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const stderr = result.stderr.toString('utf8').trim().split('\n')[0]?.replace(/^fatal: /, '') ?? '';
    throw new GitError(`git ${args[0]} failed${stderr ? `: ${stderr}` : ` (exit code ${result.status})`}`);
  }
  return result.stdout;
}

/** Blob contents by object id, from one `git cat-file --batch` process; raw bytes, no filters. */
export function readBlobs(oids: readonly string[], cwd: string): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(oids)];
  if (unique.length === 0) return blobs;
  const output = git(['cat-file', '--batch'], cwd, `${unique.join('\n')}\n`);
  // Each answer: `<oid> <type> <size>\n<size bytes>\n`, or `<oid> missing\n`.
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd === -1) break;
    const [oid, type, size] = output.toString('utf8', offset, headerEnd).split(' ');
    offset = headerEnd + 1;
    if (type === 'missing' || size === undefined) throw new GitError(`git cat-file: object ${oid} is missing from the repository`);
    const length = Number(size);
    blobs.set(oid, output.subarray(offset, offset + length));
    offset += length + 1;
  }
  for (const oid of unique) if (!blobs.has(oid)) throw new GitError(`git cat-file: no answer for object ${oid}`);
  return blobs;
}
