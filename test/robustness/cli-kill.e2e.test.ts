/**
 * A generate run killed with SIGKILL (which no process can catch) in the middle of writing its files:
 *
 * - deterministically, at every point of the commit: before each file is written, and after each
 *   file's temp copy is complete but before its rename (a child process runs the built generator with
 *   the commit's test seams, signals through a file where it stopped, and is killed there);
 * - through the real binary, killed as soon as it has touched the project k times (fs.watch events),
 *   wherever that lands.
 *
 * Every time: each target file is either as it was (or absent) or complete, never truncated; the files
 * written are exactly a prefix of the write order (new files first, the router edit last, so the router
 * never imports a file that is not there); anything else left is a temp or backup file named
 * `.<file>.igniter-rt-<pid>-<hex>.tmp|.orig`. Running the same command again finishes the change,
 * removes those leftovers, and leaves exactly what an uninterrupted run leaves.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, repoRoot } from '../support/built-cli.js';
import { app, cli, outsideFolder, removeAll, snapshot } from './cli-support.js';

const ARGS = ['generate', 'controller', 'note'];
const WORK_FILE = /(^|\/)\.[^/]+\.igniter-rt-\d+-[0-9a-f]+\.(tmp|orig)$/;

let reference: { root: string; tree: Record<string, string>; order: string[]; updated: Set<string> };
let fixtureTree: Record<string, string>;

beforeAll(() => {
  ensureBuilt('cli/commands/generate.js');
  const root = app();
  fixtureTree = snapshot(root);
  const done = cli([...ARGS, '--cwd', root]);
  expect(done.status, done.stderr).toBe(0);
  const created = [...done.stdout.matchAll(/^CREATE (\S+)$/gm)].map((match) => match[1]);
  const updated = [...done.stdout.matchAll(/^UPDATE (\S+)$/gm)].map((match) => match[1]);
  expect(created.length).toBeGreaterThanOrEqual(4);
  // The router, the instance file (relayRealtime) and the serving entry (the SSE guard).
  expect(updated).toEqual(['src/igniter.router.ts', 'src/igniter.ts', 'src/server.ts']);
  // The commit's write order: new files in path order, then the edits.
  reference = { root, tree: snapshot(root), order: [...[...created].sort(), ...updated], updated: new Set(updated) };
}, 120_000);

afterAll(removeAll);

/**
 * The state after a kill, checked against the fixture (before) and the reference run (after): returns
 * how many files of the write order were written.
 */
function checkKilledState(root: string): number {
  const tree = snapshot(root);
  const fileKey = (path: string) => path;
  const written = reference.order.map((path) => {
    const now = tree[fileKey(path)];
    const complete = reference.tree[fileKey(path)];
    const before = fixtureTree[fileKey(path)];
    expect([before, complete], `${path} is neither as it was nor complete`).toContain(now);
    return now === complete && now !== before;
  });
  // A prefix of the write order, never a file after one that is missing.
  const count = written.indexOf(false) === -1 ? written.length : written.indexOf(false);
  expect(written.slice(count).every((done) => !done), `written out of order: ${JSON.stringify(written)}`).toBe(true);
  // Anything else is a folder of the reference run or a leftover temp/backup file.
  for (const [path, entry] of Object.entries(tree)) {
    if (reference.order.includes(path) || fixtureTree[path] === entry || reference.tree[path] === entry) continue;
    expect(path, `unexpected ${path}: ${entry.slice(0, 80)}`).toMatch(WORK_FILE);
  }
  return count;
}

/** The same command again finishes the change and cleans up: exactly the uninterrupted result. */
function checkRerunCompletes(root: string): void {
  const again = cli([...ARGS, '--cwd', root]);
  expect(again.stderr).toBe('');
  expect(again.status).toBe(0);
  expect(snapshot(root)).toEqual(reference.tree);
}

const PAUSE_SCRIPT = `
import { renameSync, writeFileSync } from 'node:fs';
import { runGenerator } from ${JSON.stringify(join(repoRoot, 'dist/src/generate/run.js'))};
import { GENERATORS } from ${JSON.stringify(join(repoRoot, 'dist/src/generate/generators/index.js'))};
const [root, seam, at, marker] = process.argv.slice(1);
// Stops the process for good (until it is killed) at the chosen point, after saying where.
const pause = (path, index) => {
  if (index !== Number(at)) return;
  writeFileSync(marker + '.part', path);
  renameSync(marker + '.part', marker); // the parent sees the marker whole or not at all
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
await runGenerator({ root, generator: GENERATORS.find((generator) => generator.name === 'controller'), options: { name: 'note' }, hooks: { [seam]: pause } });
writeFileSync(marker + '.finished', '');
`;

/** Runs the generator in a child that stops at `seam` of write `at`; kills it there with SIGKILL. */
async function killAt(root: string, seam: 'beforeWrite' | 'beforeRename', at: number): Promise<string> {
  const marker = join(outsideFolder(), 'paused-at');
  const child = spawn(process.execPath, ['--input-type=module', '-e', PAUSE_SCRIPT, root, seam, String(at), marker], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let running = true;
  void exited.then(() => (running = false));
  while (running && !existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(existsSync(marker), `the child ended without reaching ${seam} #${at}: ${stderr}`).toBe(true);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return readFileSync(marker, 'utf8');
}

describe('generate killed with SIGKILL mid-write', () => {
  it('at every point of the commit: a prefix of whole files, leftovers only in temp names, and a re-run completes it', async () => {
    const points = reference.order.flatMap((_path, index) => [['beforeWrite', index] as const, ['beforeRename', index] as const]);
    for (const [seam, index] of points) {
      const root = app();
      const path = await killAt(root, seam, index);
      expect(path).toBe(reference.order[index]);
      // Killed before write #index: exactly the files before it are written; before its rename: the same,
      // and its complete temp copy lies next to it.
      expect(checkKilledState(root), `${seam} #${index}`).toBe(index);
      const leftovers = Object.keys(snapshot(root)).filter((entry) => WORK_FILE.test(entry));
      const temps = leftovers.filter((entry) => entry.endsWith('.tmp'));
      if (seam === 'beforeRename') {
        expect(temps).toHaveLength(1);
        expect(readFileSync(join(root, temps[0]), 'utf8')).toBe(readFileSync(join(reference.root, path), 'utf8'));
      } else expect(temps).toEqual([]);
      checkRerunCompletes(root);
    }
  }, 600_000);

  it('through the binary, killed after its k-th change to the project', async () => {
    for (const k of [1, 2, 3, 5, 8]) {
      const root = app();
      const child = spawn(process.execPath, [bin, ...ARGS, '--cwd', root], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let events = 0;
      const watcher = watch(root, { recursive: true }, () => {
        if (++events === k) child.kill('SIGKILL');
      });
      await exited;
      watcher.close();
      checkKilledState(root);
      checkRerunCompletes(root);
    }
  }, 600_000);
});
