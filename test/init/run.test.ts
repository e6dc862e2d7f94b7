/**
 * `igniter-rt init` in-process on temp projects and git repositories: where the hook goes (git hooks,
 * core.hooksPath, husky, lint-staged, a workspace package), idempotence, --dry-run, the steps left to
 * the user (exit 1, exact lines, file untouched), a failed write (nothing written) and usage errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readlinkSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInitCommand } from '../../src/cli/commands/init.js';
import { newConfigText } from '../../src/init/eslint-config.js';
import { hookBlock } from '../../src/init/hook-script.js';
import type { CommitHooks } from '../../src/generate/commit.js';
import { git, modeOf, project, read, removeProjects, snapshot, useGitEnv } from './support.js';
import { repoRoot } from '../support/built-cli.js';

beforeAll(useGitEnv);
afterAll(removeProjects);

const PKG = '{\n  "name": "app",\n  "type": "module",\n  "devDependencies": { "igniter-rt": "^0.1.0", "eslint": "^10.0.0" }\n}\n';
const NPM_BLOCK = hookBlock('npx --no igniter-rt check --staged').join('\n');

async function init(root: string, ...args: (string | CommitHooks)[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const hooks = args.find((arg): arg is CommitHooks => typeof arg === 'object');
  const flags = args.filter((arg): arg is string => typeof arg === 'string');
  const code = await runInitCommand(['--cwd', root, ...flags], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, hooks);
  return { code, stdout, stderr };
}

describe('init in a plain git repository', () => {
  it('creates the ESLint config and an executable .git/hooks/pre-commit; a second run changes nothing', async () => {
    const root = project({ 'package.json': PKG, 'package-lock.json': '{}' });
    const first = await init(root);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Package manager:  npm (package-lock.json)');
    expect(first.stdout).toContain('Pre-commit:       git hook (.git/hooks/pre-commit)');
    expect(first.stdout).toContain("CREATE eslint.config.js: a flat config with igniter-rt/eslint-plugin's recommended preset");
    expect(first.stdout).toContain('CREATE .git/hooks/pre-commit: runs `npx --no igniter-rt check --staged` before each commit');
    expect(first.stdout).toMatch(/Done: 2 created\.\n$/);
    expect(read(root, 'eslint.config.js')).toBe(newConfigText());
    expect(read(root, '.git/hooks/pre-commit')).toBe(`#!/bin/sh\n${NPM_BLOCK}\n`);
    expect(modeOf(root, '.git/hooks/pre-commit')).toBe(0o755);

    const before = snapshot(root);
    const second = await init(root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('SKIP eslint.config.js: igniter-rt/eslint-plugin is already set up');
    expect(second.stdout).toContain('SKIP .git/hooks/pre-commit: already runs');
    expect(second.stdout).toMatch(/Nothing to change: everything is already in place\.\n$/);
    expect(snapshot(root)).toEqual(before);
  });

  it('extends an existing hook (kept line for line, the block before its final exit) and makes it executable', async () => {
    const root = project({ 'package.json': PKG, 'yarn.lock': '' });
    writeFileSync(join(root, '.git/hooks/pre-commit'), '#!/bin/sh\nnpm test\nexit 0\n');
    chmodSync(join(root, '.git/hooks/pre-commit'), 0o644);
    const result = await init(root, '--no-eslint');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('UPDATE .git/hooks/pre-commit: runs `yarn igniter-rt check --staged` before each commit');
    expect(result.stdout).toContain('Note: .git/hooks/pre-commit was not executable, so git skipped it; it is now (mode 755).');
    expect(read(root, '.git/hooks/pre-commit')).toBe(`#!/bin/sh\nnpm test\n\n${hookBlock('yarn igniter-rt check --staged').join('\n')}\n\nexit 0\n`);
    expect(modeOf(root, '.git/hooks/pre-commit')).toBe(0o755);
    expect(existsSync(join(root, 'eslint.config.js'))).toBe(false);
  });

  it('honours a local core.hooksPath, and writes through a hook that is a symbolic link', async () => {
    const root = project({ 'package.json': PKG, 'scripts/hooks/pre-commit.sh': '#!/bin/sh\necho tracked\n' });
    git(root, 'config', 'core.hooksPath', 'scripts/hooks');
    symlinkSync('pre-commit.sh', join(root, 'scripts/hooks/pre-commit'));
    const result = await init(root, '--no-eslint', '--package-manager', 'pnpm');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Package manager:  pnpm (--package-manager)');
    expect(result.stdout).toContain('UPDATE scripts/hooks/pre-commit');
    expect(readlinkSync(join(root, 'scripts/hooks/pre-commit'))).toBe('pre-commit.sh');
    expect(read(root, 'scripts/hooks/pre-commit.sh')).toBe(`#!/bin/sh\necho tracked\n\n${hookBlock('pnpm exec igniter-rt check --staged').join('\n')}\n`);
  });

  it('does not write through a hook linked to a file outside the repository: exit 1 with the lines, the file untouched', async () => {
    const root = project({ 'package.json': PKG });
    const dotfiles = project({ 'hooks/pre-commit': '#!/bin/sh\necho shared\n' }, { repository: false });
    symlinkSync(join(dotfiles, 'hooks/pre-commit'), join(root, '.git/hooks/pre-commit'));
    const result = await init(root, '--no-eslint');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`MANUAL .git/hooks/pre-commit: it is a link to ${join(dotfiles, 'hooks/pre-commit')}, outside this repository`);
    expect(read(dotfiles, 'hooks/pre-commit')).toBe('#!/bin/sh\necho shared\n');
  });

  it('does not write into a hooks folder set in global git config (shared with other repositories): exit 1 with the lines', async () => {
    const root = project({ 'package.json': PKG });
    const shared = project({}, { repository: false });
    const globalConfig = join(project({}, { repository: false }), 'gitconfig');
    writeFileSync(globalConfig, `[core]\n\thooksPath = ${shared}\n`);
    const previous = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = globalConfig;
    try {
      const result = await init(root, '--no-eslint');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`MANUAL ${join(shared, 'pre-commit')}: core.hooksPath in your global git config points at ${shared}, which other repositories share`);
      expect(result.stdout).toContain(`    npx --no igniter-rt check --staged || exit $?`);
      expect(result.stderr).toBe('igniter-rt: init is not complete: see the MANUAL / NO HOOK lines above.\n');
      expect(existsSync(join(shared, 'pre-commit'))).toBe(false);
    } finally {
      process.env.GIT_CONFIG_GLOBAL = previous;
    }
  });

  it('a workspace package: the lockfile and the hook at the repository root, the check run from the package folder', async () => {
    const top = project({ 'package.json': '{ "private": true }', 'pnpm-lock.yaml': '', 'packages/web/package.json': PKG });
    const result = await init(join(top, 'packages/web'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Package manager:  pnpm (../../pnpm-lock.yaml)');
    expect(result.stdout).toContain('CREATE eslint.config.js');
    expect(result.stdout).toContain('CREATE ../../.git/hooks/pre-commit');
    expect(read(top, '.git/hooks/pre-commit')).toBe(`#!/bin/sh\n${hookBlock('pnpm exec igniter-rt check --staged', 'packages/web').join('\n')}\n`);
    expect(existsSync(join(top, 'packages/web/eslint.config.js'))).toBe(true);
  });
});

describe('init with husky and lint-staged', () => {
  const huskyBin = join(repoRoot, 'node_modules', 'husky', 'bin.js');
  const husky = (root: string) => execFileSync(process.execPath, [huskyBin], { cwd: root, env: process.env });

  it('husky 9: a plain .husky/pre-commit (no shebang), extended when it exists', async () => {
    const root = project({ 'package.json': PKG.replace('"eslint"', '"husky": "^9.1.7", "eslint"') });
    husky(root);
    const created = await init(root, '--no-eslint');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Pre-commit:       husky 9 (.husky/pre-commit)');
    expect(read(root, '.husky/pre-commit')).toBe(`${NPM_BLOCK}\n`);

    writeFileSync(join(root, '.husky/pre-commit'), 'npm run typecheck\n');
    const extended = await init(root, '--no-eslint');
    expect(extended.stdout).toContain('UPDATE .husky/pre-commit');
    expect(read(root, '.husky/pre-commit')).toBe(`npm run typecheck\n\n${NPM_BLOCK}\n`);
    expect(existsSync(join(root, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('.husky/ and a husky dependency, but git does not run it yet: the hook goes to .husky with a note', async () => {
    const root = project({ 'package.json': PKG.replace('"eslint"', '"husky": "^9.1.7", "eslint"'), '.husky/pre-commit': 'npm test\n' });
    const result = await init(root, '--no-eslint');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Note: git does not run husky's hooks yet (core.hooksPath is not .husky/_): run `npx husky`");
    expect(read(root, '.husky/pre-commit')).toBe(`npm test\n\n${NPM_BLOCK}\n`);
  });

  it('lint-staged run by the husky hook: the task goes into its config and the hook stays as it is', async () => {
    const pkg = '{\n  "name": "app",\n  "devDependencies": { "husky": "^9.1.7", "igniter-rt": "*" },\n  "lint-staged": {\n    "*.{ts,tsx}": "prettier --write"\n  }\n}\n';
    const root = project({ 'package.json': pkg });
    husky(root);
    writeFileSync(join(root, '.husky/pre-commit'), 'npx lint-staged\n');
    const result = await init(root, '--no-eslint');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pre-commit:       lint-staged (package.json), run by husky 9 (.husky/pre-commit)');
    expect(result.stdout).toContain('UPDATE package.json: lint-staged runs `igniter-rt check` on the staged TypeScript files');
    expect(read(root, 'package.json')).toBe(pkg.replace('"prettier --write"', '["prettier --write", "igniter-rt check"]'));
    expect(read(root, '.husky/pre-commit')).toBe('npx lint-staged\n');
    expect((await init(root, '--no-eslint')).stdout).toContain('SKIP package.json: lint-staged already runs igniter-rt');
  });

  it('a lint-staged config that no hook runs: the check goes into the git hook, with a note', async () => {
    const root = project({ 'package.json': PKG, '.lintstagedrc.json': '{ "*.ts": "eslint" }' });
    const result = await init(root, '--no-eslint');
    expect(result.stdout).toContain('Note: lint-staged is configured (.lintstagedrc.json) but .git/hooks/pre-commit does not run it, so the check goes into the hook itself.');
    expect(read(root, '.git/hooks/pre-commit')).toBe(`#!/bin/sh\n${NPM_BLOCK}\n`);
    expect(read(root, '.lintstagedrc.json')).toBe('{ "*.ts": "eslint" }');
  });
});

describe('every common flat-config shape is edited (exit 0, UPDATE, the entry in the file, a second run changes nothing)', () => {
  const shapes: [shape: string, file: string, text: string][] = [
    ['export default [...]', 'eslint.config.js', `import js from '@eslint/js';\n\nexport default [js.configs.recommended];\n`],
    ['defineConfig(...)', 'eslint.config.mjs', `import { defineConfig } from 'eslint/config';\n\nexport default defineConfig([{ ignores: ['dist/**'] }]);\n`],
    ['tseslint.config(...)', 'eslint.config.mjs', `import tseslint from 'typescript-eslint';\n\nexport default tseslint.config(tseslint.configs.recommended);\n`],
    [
      'a named array, then exported (the Next.js starter\'s FlatCompat config)',
      'eslint.config.mjs',
      `import { FlatCompat } from '@eslint/eslintrc';\n\nconst compat = new FlatCompat({ baseDirectory: import.meta.dirname });\n\nconst eslintConfig = [...compat.extends('next/core-web-vitals', 'next/typescript')];\n\nexport default eslintConfig;\n`,
    ],
    ['module.exports in .cjs', 'eslint.config.cjs', `const js = require('@eslint/js');\n\nmodule.exports = [js.configs.recommended];\n`],
    ['eslint.config.ts', 'eslint.config.ts', `import { defineConfig } from 'eslint/config';\nimport tseslint from 'typescript-eslint';\n\nexport default defineConfig(tseslint.configs.recommended);\n`],
  ];

  it.each(shapes)('%s', async (_shape, file, text) => {
    const root = project({ 'package.json': PKG, [file]: text });
    const first = await init(root, '--no-hook');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`UPDATE ${file}:`);
    const after = read(root, file);
    expect(after).toMatch(/\b(igniterRt)\.configs\.recommended\b/);
    expect(after).toMatch(file.endsWith('.cjs') ? /require\('igniter-rt\/eslint-plugin'\)\.default/ : /import igniterRt from 'igniter-rt\/eslint-plugin'/);
    // Only the import and the entry were inserted (eslint-config.test.ts checks each shape byte for byte).
    expect(after.length - text.length).toBeLessThan(120);
    const second = await init(root, '--no-hook');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`SKIP ${file}: igniter-rt/eslint-plugin is already set up`);
  });
});

describe('the same habits as the other commands: --yes, --json, --cwd', () => {
  it('--yes is accepted (init never prompts) and changes nothing about what it does', async () => {
    const root = project({ 'package.json': PKG });
    const result = await init(root, '--yes', '--no-hook');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(read(root, 'eslint.config.js')).toBe(newConfigText());
    expect((await init(root, '-y', '--no-hook')).code).toBe(0);
  });

  it('--json prints one JSON document: what was found, each step, the exit code; a dry run adds the diff and writes nothing', async () => {
    const root = project({ 'package.json': PKG, 'eslint.config.mjs': `import { compose } from './compose.js';\nexport default compose();\n` });
    const dry = await init(root, '--json', '--dry-run');
    expect(dry.code).toBe(1);
    const document = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({
      root: expect.any(String),
      packageManager: { name: 'npm' },
      dryRun: true,
      written: false,
      exitCode: 1,
      steps: [
        { area: 'eslint', status: 'manual', file: 'eslint.config.mjs', manual: [{ say: 'Import the plugin:' }, { say: 'Add this entry as an argument of `compose(...)`:' }] },
        { area: 'hook', status: 'create', file: '.git/hooks/pre-commit' },
      ],
    });
    expect(document.diff).toContain('+++ b/.git/hooks/pre-commit');
    expect(existsSync(join(root, '.git/hooks/pre-commit'))).toBe(false);

    const real = await init(root, '--json', '--no-eslint');
    expect(JSON.parse(real.stdout)).toMatchObject({ written: true, exitCode: 0, steps: [{ area: 'hook', status: 'create' }] });
    expect(real).toMatchObject({ code: 0, stderr: '' });
  });

  it('--json on a usage error: exit 2, the error as JSON on stdout', async () => {
    const result = await init(join(repoRoot, 'no-such-folder'), '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ written: false, exitCode: 2, error: { message: expect.stringContaining('no such folder'), exitCode: 2 } });
    const unknown = await init(repoRoot, '--json', '--colour');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.message).toContain("unknown option '--colour'");
  });
});

describe('steps left to the user, dry runs and failures', () => {
  it('an ESLint config init does not edit: exit 1, the exact lines, the file byte for byte; the hook is still installed', async () => {
    const config = `import { compose } from './eslint/compose.js';\n\nexport default compose(base);\n`;
    const root = project({ 'package.json': PKG, 'eslint.config.ts': config });
    const result = await init(root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      [
        'MANUAL eslint.config.ts: it exports `compose(...)`, which igniter-rt does not edit (it cannot be sure where the entry belongs). Not changed; by hand:',
        '  Import the plugin:',
        "    import igniterRt from 'igniter-rt/eslint-plugin';",
        '  Add this entry as an argument of `compose(...)`:',
        '    igniterRt.configs.recommended,',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Done: 1 created. 1 step left to do by hand (above).');
    expect(read(root, 'eslint.config.ts')).toBe(config);
    expect(read(root, '.git/hooks/pre-commit')).toContain(NPM_BLOCK);
  });

  it('a legacy .eslintrc: exit 1, no flat config created over it', async () => {
    const root = project({ 'package.json': PKG, '.eslintrc.json': '{}' });
    const result = await init(root, '--no-hook');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('MANUAL .eslintrc.json: .eslintrc.json is a legacy (eslintrc) config');
    expect(result.stdout).toContain("    export default [igniterRt.configs.recommended];");
    expect(existsSync(join(root, 'eslint.config.js'))).toBe(false);
  });

  it('not a git repository: the ESLint step is done, the hook is skipped with the reason, exit 1', async () => {
    const root = project({ 'package.json': PKG.replace('"type": "module",', '') }, { repository: false });
    const result = await init(root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('CREATE eslint.config.mjs'); // no "type": "module": .mjs
    expect(result.stdout).toMatch(/NO HOOK pre-commit hook: .* is not in a git repository: run `git init`/);
    expect(result.stderr).toContain('init is not complete');
  });

  it('--dry-run prints the diff and leaves every file (and .git) as it was', async () => {
    const root = project({ 'package.json': PKG, 'eslint.config.js': `export default [];\n` });
    writeFileSync(join(root, '.git/hooks/pre-commit'), '#!/bin/sh\nnpm test\n');
    const before = snapshot(root);
    const result = await init(root, '--dry-run');
    expect(result.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(result.stdout).toContain('Dry run, nothing written: 2 updated.');
    expect(result.stdout).toContain(`--- a/eslint.config.js\n+++ b/eslint.config.js\n@@ -1,1 +1,3 @@\n-export default [];\n+import igniterRt from 'igniter-rt/eslint-plugin';\n+\n+export default [igniterRt.configs.recommended];`);
    expect(result.stdout).toContain(`--- a/.git/hooks/pre-commit\n+++ b/.git/hooks/pre-commit\n@@ -1,2 +1,7 @@\n #!/bin/sh\n npm test\n+\n+# >>> igniter-rt >>>`);
  });

  it('a write that fails mid-way leaves nothing written (exit 1, one line)', async () => {
    const root = project({ 'package.json': PKG, 'eslint.config.js': `export default [];\n` });
    const before = snapshot(root);
    const result = await init(root, {
      beforeWrite: (_path: string, index: number) => {
        if (index === 1) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^igniter-rt: Could not write .*\(EROFS: read-only file system\)\. Restored the 1 already written\.\n$/);
    expect(snapshot(root)).toEqual(before);
  });

  it('usage errors exit 2 with one line', async () => {
    expect(await init(project({}), '--bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^igniter-rt: unknown option '--bogus'/) });
    expect(await init(project({}), '--package-manager', 'cargo')).toMatchObject({ code: 2, stderr: expect.stringContaining('cargo') });
    expect(await init('/nonexistent/igniter-rt-init')).toMatchObject({ code: 2, stderr: 'igniter-rt: --cwd: no such folder: /nonexistent/igniter-rt-init\n' });
    expect(await init(project({ 'package.json': '{ "name": ' }))).toMatchObject({ code: 1, stderr: expect.stringMatching(/package\.json is not valid JSON .*; fix it and run init again\.\n$/) });
  });
});
