/** lint-staged: finding its config, and the task added to JSON configs (kept byte for byte around it). */
import { describe, expect, it } from 'vitest';
import { addLintStagedTask, findLintStagedConfig, isTypeScriptOnlyGlob, type LintStagedEdit } from '../../src/init/lint-staged.js';
import { project, removeProjects } from './support.js';
import { afterAll } from 'vitest';

afterAll(removeProjects);

function added(text: string, format: 'package.json' | 'json' = 'package.json'): string {
  const config = { file: format === 'json' ? '.lintstagedrc.json' : 'package.json', format };
  const edit: LintStagedEdit = addLintStagedTask(text, config);
  if (edit.status !== 'added') throw new Error(`expected an edit, got ${JSON.stringify(edit)}`);
  expect(addLintStagedTask(edit.text, config)).toEqual({ status: 'present' });
  return edit.text;
}

describe('addLintStagedTask', () => {
  it('package.json: a new TypeScript glob after the others, the rest of the file untouched', () => {
    const before = `{\n  "name": "app",\n  "lint-staged": {\n    "*.{js,ts}": "eslint --fix",\n    "*.md": ["prettier --write"]\n  },\n  "private": true\n}\n`;
    expect(added(before)).toBe(
      `{\n  "name": "app",\n  "lint-staged": {\n    "*.{js,ts}": "eslint --fix",\n    "*.md": ["prettier --write"],\n    "*.{ts,tsx,mts,cts}": "igniter-rt check"\n  },\n  "private": true\n}\n`,
    );
  });

  it('a TypeScript-only glob gets the check as its last task (tasks of one glob run in order)', () => {
    expect(added(`{ "**/*.{ts,tsx}": "prettier --write" }`, 'json')).toBe(`{ "**/*.{ts,tsx}": ["prettier --write", "igniter-rt check"] }`);
    expect(added(`{\n\t"*.ts": [\n\t\t"eslint --fix",\n\t\t"prettier --write"\n\t]\n}\n`, 'json')).toBe(
      `{\n\t"*.ts": [\n\t\t"eslint --fix",\n\t\t"prettier --write",\n\t\t"igniter-rt check"\n\t]\n}\n`,
    );
    expect(added(`{}`, 'json')).toBe(`{"*.{ts,tsx,mts,cts}": "igniter-rt check"}`);
  });

  it('YAML and JavaScript configs, and JSON that is not a config object, get the exact lines', () => {
    expect(addLintStagedTask(`"*.ts": eslint\n`, { file: '.lintstagedrc.yaml', format: 'yaml' })).toEqual({
      status: 'manual',
      reason: 'it is YAML, which igniter-rt does not edit',
      steps: [{ say: 'Add this entry to .lintstagedrc.yaml:', code: [`'*.{ts,tsx,mts,cts}': igniter-rt check`] }],
    });
    expect(addLintStagedTask(`export default { '*.ts': 'eslint' };\n`, { file: 'lint-staged.config.js', format: 'js' })).toEqual({
      status: 'manual',
      reason: 'it is a JavaScript module, which igniter-rt does not edit',
      steps: [{ say: 'Add this entry to lint-staged.config.js:', code: [`'*.{ts,tsx,mts,cts}': 'igniter-rt check',`] }],
    });
    expect(addLintStagedTask(`{ "lint-staged": "./config.js" }`, { file: 'package.json', format: 'package.json' })).toMatchObject({ status: 'manual', reason: 'its lint-staged config is not an object of globs' });
    expect(addLintStagedTask(`{ "lint-staged": `, { file: 'package.json', format: 'package.json' })).toMatchObject({ status: 'manual', reason: 'it is not a valid JSON object' });
    expect(addLintStagedTask(`'*.ts': igniter-rt check\n`, { file: '.lintstagedrc.yml', format: 'yaml' })).toEqual({ status: 'present' });
  });

  it('isTypeScriptOnlyGlob', () => {
    for (const glob of ['*.ts', '**/*.{ts,tsx}', 'src/**/*.{mts,cts}']) expect(isTypeScriptOnlyGlob(glob)).toBe(true);
    for (const glob of ['*.{js,ts}', '*', '*.md', 'src/**', undefined]) expect(isTypeScriptOnlyGlob(glob)).toBe(false);
  });
});

describe('findLintStagedConfig', () => {
  it("follows lint-staged's search order; package.json only with a lint-staged key; .lintstagedrc is JSON or YAML", () => {
    expect(findLintStagedConfig(project({ 'package.json': '{}' }, { repository: false }))).toBeUndefined();
    expect(findLintStagedConfig(project({ 'package.json': '{"lint-staged":{}}', '.lintstagedrc.json': '{}' }, { repository: false }))).toEqual({ file: 'package.json', format: 'package.json' });
    expect(findLintStagedConfig(project({ 'package.json': '{}', '.lintstagedrc': '{ "*.ts": "x" }' }, { repository: false }))).toEqual({ file: '.lintstagedrc', format: 'json' });
    expect(findLintStagedConfig(project({ '.lintstagedrc': '"*.ts": x\n' }, { repository: false }))).toEqual({ file: '.lintstagedrc', format: 'yaml' });
    expect(findLintStagedConfig(project({ 'lint-staged.config.mjs': 'export default {}' }, { repository: false }))).toEqual({ file: 'lint-staged.config.mjs', format: 'js' });
  });
});
