/**
 * Temp git repositories for the `check --staged` tests, and a small Igniter app whose findings depend
 * on which copy of each file is read. Git runs hermetically: no GIT_* variable from the caller (a
 * pre-commit hook running the tests sets GIT_INDEX_FILE), no system or global config, no signing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gitEnv, runGit } from '../support/git.js';

export { gitEnv };

/** Runs git in `cwd` (throws with its stderr on failure) and returns stdout. */
export function git(cwd: string, ...args: string[]): string {
  return runGit(cwd, ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args]);
}

const folders: string[] = [];

export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'igniter-rt-staged-'));
  folders.push(folder);
  return folder;
}

/** A new repository (branch `main`) with `files` written, nothing staged. */
export function tempRepo(files: Record<string, string> = {}): string {
  const repo = tempFolder();
  git(repo, '-c', 'init.defaultBranch=main', 'init', '-q');
  write(repo, files);
  return repo;
}

export function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** Writes the files and stages them. */
export function stage(repo: string, files: Record<string, string>): void {
  write(repo, files);
  git(repo, 'add', '--', ...Object.keys(files));
}

export function commit(repo: string, message = 'commit'): void {
  git(repo, 'commit', '-q', '--allow-empty', '-m', message);
}

// The app: a router registering one controller under `key`; `message.list` is a query, live when
// something revalidates it (require-stream), and a revalidated key must name a query
// (no-unknown-revalidate-key).
export const app = {
  'tsconfig.json': '{}\n',
  'src/igniter.ts': 'export const igniter = {} as any;\n',
};

export function router(key: string): string {
  return [
    "import { igniter } from './igniter';",
    "import { messageController } from './features/message.controller';",
    '',
    'export const AppRouter = igniter.router({',
    `  controllers: { ${key}: messageController },`,
    '});',
    '',
  ].join('\n');
}

/** The controller; `create` (when asked for) revalidates `message.list` in the same file. */
export function controller(options: { stream: boolean; create?: boolean }): string {
  return [
    "import { igniter } from '../igniter';",
    '',
    'export const messageController = igniter.controller({',
    "  name: 'message',",
    "  path: '/messages',",
    '  actions: {',
    `    list: igniter.query({ path: '/',${options.stream ? ' stream: true,' : ''} handler: async ({ response }) => response.success([]) }),`,
    ...(options.create
      ? ["    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ request, response }) => response.revalidate(['message.list'], () => ['room:1']).created(request.body) }),"]
      : []),
    '  },',
    '});',
    '',
  ].join('\n');
}

/** A file that revalidates `key` from outside the controller (line 4, column 45 is the key). */
export function notifier(key = 'message.list'): string {
  return [
    "import { igniter } from '../igniter';",
    '',
    'export async function notify(roomId: string) {',
    `  await igniter.realtime.revalidate({ path: '${key}', scopes: [\`room:\${roomId}\`] });`,
    '}',
    '',
  ].join('\n');
}
