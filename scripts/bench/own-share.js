// Child-process runner: the share of an ESLint `all` run's CPU samples spent inside igniter-rt.
// Runs eslint-run.js under `node --cpu-prof` (in a temporary folder), then counts every sample whose
// stack holds a frame of the built plugin (dist/), callees included: ts-morph, TypeScript and Node
// calls made on the plugin's behalf count as the plugin's. Garbage collection and module loading
// outside its frames are not attributed (V8 records them without a JS stack).
// Wall-time ratios on a shared machine vary by ±15% between identical runs; this share does not.
//
//   node scripts/bench/own-share.js <appDir> <repoRoot> [--plugin <file>] [--eslint-from <dir>]
//
// Output: {"totalMs","ownMs","share","byEntry":{...}} on stdout.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { BENCH_DIR } from './paths.js';

const [appDir, repoRoot, ...rest] = process.argv.slice(2);
if (!appDir || !repoRoot) {
  process.stderr.write('usage: node scripts/bench/own-share.js <appDir> <repoRoot> [--plugin <file>] [--eslint-from <dir>]\n');
  process.exit(2);
}
const profileDir = mkdtempSync(join(tmpdir(), 'igniter-rt-profile-'));
try {
  const child = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, join(BENCH_DIR, 'eslint-run.js'), 'all', appDir, repoRoot, ...rest], {
    encoding: 'utf8',
    shell: false,
  });
  if (child.status !== 0) {
    process.stderr.write(child.stderr || `eslint-run.js exited with ${child.status}\n`);
    process.exit(1);
  }
  const [file] = readdirSync(profileDir);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  process.stdout.write(`${JSON.stringify(share(profile, join(resolve(repoRoot), 'dist') + sep))}\n`);
} finally {
  rmSync(profileDir, { recursive: true, force: true });
}

/** Sums sample time per node, then attributes each node to its outermost frame under `ownPrefix`. */
function share(profile, ownPrefix) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const timeOf = new Map();
  profile.samples.forEach((id, index) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const isOwn = (node) => node.callFrame.url.includes(ownPrefix) || node.callFrame.url.startsWith(`file://${ownPrefix}`);
  let totalUs = 0;
  let ownUs = 0;
  const byEntry = {};
  for (const [id, us] of timeOf) {
    totalUs += us;
    let outermost;
    for (let current = id; current !== undefined; current = parents.get(current)) {
      const node = nodes.get(current);
      if (isOwn(node)) outermost = node;
    }
    if (!outermost) continue;
    ownUs += us;
    const where = outermost.callFrame.url.slice(outermost.callFrame.url.indexOf(ownPrefix) + ownPrefix.length);
    const key = `${outermost.callFrame.functionName || '(top level)'} ${where}`;
    byEntry[key] = Math.round(((byEntry[key] ?? 0) + us / 1000) * 10) / 10;
  }
  return { totalMs: Math.round(totalUs / 1000), ownMs: Math.round(ownUs / 1000), share: Math.round((ownUs / totalUs) * 1000) / 1000, byEntry };
}
