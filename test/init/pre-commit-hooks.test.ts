/** `.pre-commit-hooks.yaml`: the pre-commit framework's hook definition, shipped in the package, and its entry runs. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/built-cli.js';

/** The one hook's `key: value` lines (the file is a one-item YAML list of flat keys). */
function hookFields(): Record<string, string> {
  const text = readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(?:- | {2})(\w+): (.*)$/.exec(line);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}

describe('.pre-commit-hooks.yaml', () => {
  it('defines the igniter-rt hook on TypeScript files, one process for all of them', () => {
    expect(hookFields()).toMatchObject({
      id: 'igniter-rt',
      entry: 'igniter-rt check',
      language: 'node',
      types_or: '[ts, tsx]',
      pass_filenames: 'true',
      require_serial: 'true',
    });
  });

  it("names the package's own bin and a command of it", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const [bin, command] = hookFields().entry.split(' ');
    expect(Object.keys(pkg.bin)).toContain(bin);
    expect(readFileSync(join(repoRoot, 'src', 'cli', 'program.ts'), 'utf8')).toContain(`.command('${command}')`);
  });

  it('is in the published package', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
    expect(files.map((file) => file.path)).toContain('.pre-commit-hooks.yaml');
  });
});
