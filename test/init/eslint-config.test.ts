/**
 * The ESLint config edit: every supported shape gets the import and the preset entry with the rest of
 * the file byte for byte; unsupported shapes get the exact lines to add; a second run changes nothing.
 * The last test loads edited configs in ESLint itself and lints a violation with them.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRecommendedPreset, newConfigText, type ConfigEdit } from '../../src/init/eslint-config.js';
import { ensureBuilt, repoRoot } from '../support/built-cli.js';

function added(text: string, file = 'eslint.config.js'): string {
  const edit = addRecommendedPreset(text, file);
  if (edit.status !== 'added') throw new Error(`expected an edit, got ${JSON.stringify(edit)}`);
  // Idempotent: the edited file is recognised as set up.
  expect(addRecommendedPreset(edit.text, file)).toEqual({ status: 'present' });
  return edit.text;
}

function manual(text: string, file = 'eslint.config.js'): Extract<ConfigEdit, { status: 'manual' }> {
  const edit = addRecommendedPreset(text, file);
  if (edit.status !== 'manual') throw new Error(`expected a manual step, got ${JSON.stringify(edit)}`);
  return edit;
}

describe('addRecommendedPreset: edited shapes', () => {
  it('an exported array: the import after the last import, the entry after the last shared config, before the overrides', () => {
    const before = `import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'warn' },
  },
];
`;
    expect(added(before)).toBe(`import js from '@eslint/js';
import globals from 'globals';
import igniterRt from 'igniter-rt/eslint-plugin';

export default [
  js.configs.recommended,
  igniterRt.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'warn' },
  },
];
`);
  });

  it('defineConfig([...]) from eslint/config, in the file\'s style (double quotes, no semicolons, a trailing comment kept in place)', () => {
    const before = `import { defineConfig } from "eslint/config"
import js from "@eslint/js"

export default defineConfig([
  js.configs.recommended, // the base
  { ignores: ["dist/**"] }
])
`;
    expect(added(before, 'eslint.config.mjs')).toBe(`import { defineConfig } from "eslint/config"
import js from "@eslint/js"
import igniterRt from "igniter-rt/eslint-plugin"

export default defineConfig([
  js.configs.recommended, // the base
  igniterRt.configs.recommended,
  { ignores: ["dist/**"] }
])
`);
  });

  it('defineConfig with several arguments (aliased import): a new first argument when every argument is an object', () => {
    const before = `import { defineConfig as config } from 'eslint/config';\nexport default config({ rules: {} }, { ignores: ['x'] });\n`;
    expect(added(before)).toBe(
      `import { defineConfig as config } from 'eslint/config';\nimport igniterRt from 'igniter-rt/eslint-plugin';\nexport default config(igniterRt.configs.recommended, { rules: {} }, { ignores: ['x'] });\n`,
    );
  });

  it('CommonJS (.cjs): a require of the default export after the last require, after "use strict"', () => {
    const before = `'use strict';\nconst js = require('@eslint/js');\n\nmodule.exports = [js.configs.recommended];\n`;
    expect(added(before, 'eslint.config.cjs')).toBe(
      `'use strict';\nconst js = require('@eslint/js');\nconst igniterRt = require('igniter-rt/eslint-plugin').default;\n\nmodule.exports = [js.configs.recommended, igniterRt.configs.recommended];\n`,
    );
    expect(added(`module.exports = [];\n`, 'eslint.config.cjs')).toBe(`const igniterRt = require('igniter-rt/eslint-plugin').default;\n\nmodule.exports = [igniterRt.configs.recommended];\n`);
  });

  it('TypeScript (.ts) with `satisfies` and a required defineConfig', () => {
    const before = `import type { Linter } from 'eslint';\n\nexport default [\n  { files: ['**/*.ts'] },\n] satisfies Linter.Config[];\n`;
    expect(added(before, 'eslint.config.ts')).toBe(
      `import type { Linter } from 'eslint';\nimport igniterRt from 'igniter-rt/eslint-plugin';\n\nexport default [\n  igniterRt.configs.recommended,\n  { files: ['**/*.ts'] },\n] satisfies Linter.Config[];\n`,
    );
    const required = `const { defineConfig } = require('eslint/config');\nmodule.exports = defineConfig([]);\n`;
    expect(added(required, 'eslint.config.cjs')).toBe(
      `const { defineConfig } = require('eslint/config');\nconst igniterRt = require('igniter-rt/eslint-plugin').default;\nmodule.exports = defineConfig([igniterRt.configs.recommended]);\n`,
    );
  });

  it('tseslint.config(...) from typescript-eslint: one more argument, after the shared configs (.ts, .mjs, .cjs, a namespace import)', () => {
    expect(added(`import tseslint from 'typescript-eslint';\n\nexport default tseslint.config(tseslint.configs.recommended);\n`, 'eslint.config.ts')).toBe(
      `import tseslint from 'typescript-eslint';\nimport igniterRt from 'igniter-rt/eslint-plugin';\n\nexport default tseslint.config(tseslint.configs.recommended, igniterRt.configs.recommended);\n`,
    );
    const before = `import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  eslint.configs.recommended,
  tseslint.configs.recommended,
  { rules: { 'no-console': 'warn' } },
);
`;
    expect(added(before, 'eslint.config.mjs')).toBe(`import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import igniterRt from 'igniter-rt/eslint-plugin';

export default tseslint.config(
  eslint.configs.recommended,
  tseslint.configs.recommended,
  igniterRt.configs.recommended,
  { rules: { 'no-console': 'warn' } },
);
`);
    expect(added(`const tseslint = require('typescript-eslint');\nmodule.exports = tseslint.config();\n`, 'eslint.config.cjs')).toBe(
      `const tseslint = require('typescript-eslint');\nconst igniterRt = require('igniter-rt/eslint-plugin').default;\nmodule.exports = tseslint.config(igniterRt.configs.recommended);\n`,
    );
    expect(added(`import * as tseslint from 'typescript-eslint';\nexport default tseslint.config([...tseslint.configs.recommended]);\n`)).toBe(
      `import * as tseslint from 'typescript-eslint';\nimport igniterRt from 'igniter-rt/eslint-plugin';\nexport default tseslint.config([...tseslint.configs.recommended, igniterRt.configs.recommended]);\n`,
    );
    // A `config` of anything else is not typescript-eslint's.
    expect(manual(`import tseslint from './my-tseslint.js';\nexport default tseslint.config();\n`).reason).toContain('`tseslint.config(...)`');
  });

  it('a top-level const used only by the export (the create-next-app shape)', () => {
    const before = `import { FlatCompat } from "@eslint/eslintrc";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

const eslintConfig = [
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  {
    ignores: ["node_modules/**", ".next/**"],
  },
];

export default eslintConfig;
`;
    expect(added(before, 'eslint.config.mjs')).toBe(`import { FlatCompat } from "@eslint/eslintrc";
import igniterRt from "igniter-rt/eslint-plugin";

const compat = new FlatCompat({ baseDirectory: import.meta.dirname });

const eslintConfig = [
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  igniterRt.configs.recommended,
  {
    ignores: ["node_modules/**", ".next/**"],
  },
];

export default eslintConfig;
`);
  });

  it('no imports: the import goes above the type comment that belongs to the export, below a separate header', () => {
    const before = `// Project lint config.\n\n/** @type {import('eslint').Linter.Config[]} */\nexport default [];\n`;
    expect(added(before)).toBe(
      `// Project lint config.\n\nimport igniterRt from 'igniter-rt/eslint-plugin';\n\n/** @type {import('eslint').Linter.Config[]} */\nexport default [igniterRt.configs.recommended];\n`,
    );
  });

  it('empty arrays, one-line arrays, a last element without a trailing comma, CRLF line endings', () => {
    expect(added(`export default [\n]\n`)).toBe(`import igniterRt from 'igniter-rt/eslint-plugin'\n\nexport default [\n  igniterRt.configs.recommended,\n]\n`);
    expect(added(`export default [{ rules: {} }, { ignores: [] }];\n`)).toBe(
      `import igniterRt from 'igniter-rt/eslint-plugin';\n\nexport default [igniterRt.configs.recommended, { rules: {} }, { ignores: [] }];\n`,
    );
    expect(added(`import a from 'a';\nexport default [\n    a,\n    a.b\n];\n`)).toBe(`import a from 'a';\nimport igniterRt from 'igniter-rt/eslint-plugin';\nexport default [\n    a,\n    a.b,\n    igniterRt.configs.recommended\n];\n`);
    expect(added(`import a from 'a';\r\nexport default [\r\n  a,\r\n];\r\n`)).toBe(`import a from 'a';\r\nimport igniterRt from 'igniter-rt/eslint-plugin';\r\nexport default [\r\n  a,\r\n  igniterRt.configs.recommended,\r\n];\r\n`);
  });

  it('a name already taken in the file gets another binding; an unused existing import is reused', () => {
    const taken = `const igniterRt = 1;\nexport default [];\n`;
    expect(added(taken)).toBe(`import igniterRtPlugin from 'igniter-rt/eslint-plugin';\n\nconst igniterRt = 1;\nexport default [igniterRtPlugin.configs.recommended];\n`);
    const imported = `import rt from 'igniter-rt/eslint-plugin';\nexport default [];\n`;
    expect(added(imported)).toBe(`import rt from 'igniter-rt/eslint-plugin';\nexport default [rt.configs.recommended];\n`);
  });
});

describe('addRecommendedPreset: already set up', () => {
  it('the plugin imported and used (any preset, or registered by hand) is left as it is', () => {
    expect(addRecommendedPreset(`import rt from 'igniter-rt/eslint-plugin';\nexport default [rt.configs.strict];\n`, 'eslint.config.js')).toEqual({ status: 'present' });
    expect(
      addRecommendedPreset(`import rt from 'igniter-rt/eslint-plugin';\nexport default [{ plugins: { 'igniter-rt': rt }, rules: { 'igniter-rt/require-stream': 'error' } }];\n`, 'eslint.config.js'),
    ).toEqual({ status: 'present' });
    expect(addRecommendedPreset(`const rt = require('igniter-rt/eslint-plugin');\nmodule.exports = [rt.default.configs.all];\n`, 'eslint.config.cjs')).toEqual({ status: 'present' });
    expect(addRecommendedPreset(`import tseslint from 'typescript-eslint';\nimport rt from 'igniter-rt/eslint-plugin';\nexport default tseslint.config(rt.configs.recommended);\n`, 'eslint.config.ts')).toEqual({
      status: 'present',
    });
  });
});

describe('addRecommendedPreset: shapes it does not edit print the exact lines', () => {
  it('another helper than defineConfig or tseslint.config', () => {
    expect(manual(`import { compose } from './eslint/compose.js';\n\nexport default compose(base);\n`, 'eslint.config.ts')).toEqual({
      status: 'manual',
      reason: 'it exports `compose(...)`, which igniter-rt does not edit (it cannot be sure where the entry belongs)',
      steps: [
        { say: 'Import the plugin:', code: [`import igniterRt from 'igniter-rt/eslint-plugin';`] },
        { say: 'Add this entry as an argument of `compose(...)`:', code: ['igniterRt.configs.recommended,'] },
      ],
    });
  });

  it('a variable that is changed after its declaration, a function, a defineConfig from elsewhere, no export, a syntax error', () => {
    expect(manual(`const config = [];\nconfig.push({});\nexport default config;\n`).reason).toBe('it exports the variable `config`, which igniter-rt does not edit (it cannot be sure where the entry belongs)');
    expect(manual(`export default () => [];\n`).steps[1]).toEqual({ say: 'Add this entry to the config array the function returns:', code: ['igniterRt.configs.recommended,'] });
    expect(manual(`export default function config() { return []; }\n`).reason).toBe('it exports a function, which igniter-rt does not edit');
    expect(manual(`import { defineConfig } from 'eslint-define-config';\nexport default defineConfig({});\n`).reason).toContain('`defineConfig(...)`');
    expect(manual(`const config = [];\nexport { config as default };\n`).reason).toBe('it has no `export default` (or `module.exports =`) that igniter-rt can find');
    expect(manual(`export default [\n`).reason).toMatch(/^it does not parse \(line 2: .+\)$/);
  });

  it('CommonJS gets a require line; an existing import is not repeated', () => {
    expect(manual(`const { compose } = require('./compose');\nmodule.exports = compose();\n`, 'eslint.config.cjs').steps[0]).toEqual({
      say: 'Import the plugin:',
      code: [`const igniterRt = require('igniter-rt/eslint-plugin').default;`],
    });
    const imported = manual(`import rt from 'igniter-rt/eslint-plugin';\nimport { compose } from './compose.js';\nexport default compose();\n`);
    expect(imported.steps).toEqual([{ say: 'Add this entry as an argument of `compose(...)`:', code: ['rt.configs.recommended,'] }]);
  });
});

describe('edited configs in ESLint', () => {
  let project: string;
  beforeAll(() => {
    ensureBuilt('eslint/plugin.js');
    project = mkdtempSync(join(tmpdir(), 'igniter-rt-init-eslint-'));
    mkdirSync(join(project, 'node_modules', '@eslint'), { recursive: true });
    symlinkSync(repoRoot, join(project, 'node_modules', 'igniter-rt'));
    symlinkSync(join(repoRoot, 'node_modules', 'eslint'), join(project, 'node_modules', 'eslint'));
    symlinkSync(join(repoRoot, 'node_modules', '@eslint', 'js'), join(project, 'node_modules', '@eslint', 'js'));
    symlinkSync(join(repoRoot, 'node_modules', 'typescript-eslint'), join(project, 'node_modules', 'typescript-eslint'));
    writeFileSync(join(project, 'package.json'), '{ "name": "app", "type": "module" }\n');
  }, 120_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  // Writes notes, which the live `note.list` shows, without revalidating it.
  const violation = `export const noteController = igniter.controller({
  name: 'Note',
  path: '/notes',
  actions: {
    list: igniter.query({ path: '/', stream: true, handler: async ({ context, response }) => response.success(await context.database.note.findMany()) }),
    create: igniter.mutation({
      path: '/',
      method: 'POST',
      handler: async ({ context, response }) => response.created(await context.database.note.create({ data: {} })),
    }),
  },
});

export const AppRouter = igniter.router({ controllers: { note: noteController } });
`;

  it.each([
    ['created', 'eslint.config.js', undefined],
    ['array', 'eslint.config.js', `import js from '@eslint/js';\nexport default [js.configs.recommended, { rules: { 'no-console': 'warn' } }];\n`],
    ['defineConfig', 'eslint.config.mjs', `import { defineConfig } from 'eslint/config';\nexport default defineConfig([{ ignores: ['dist/**'] }]);\n`],
    ['CommonJS', 'eslint.config.cjs', `const js = require('@eslint/js');\nmodule.exports = [js.configs.recommended];\n`],
    ['tseslint.config', 'eslint.config.mjs', `import tseslint from 'typescript-eslint';\nexport default tseslint.config(tseslint.configs.base, { rules: { 'no-console': 'warn' } });\n`],
  ])('%s: ESLint loads it and reports the violation with igniter-rt/require-revalidate', async (_name, file, before) => {
    const folder = mkdtempSync(join(project, 'case-'));
    writeFileSync(join(folder, file), before === undefined ? newConfigText() : added(before, file));
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: folder, overrideConfigFile: join(folder, file) });
    const [result] = await eslint.lintText(violation, { filePath: join(folder, 'note.controller.ts') });
    expect(result.messages.map((message) => message.ruleId)).toContain('igniter-rt/require-revalidate');
  });
});
