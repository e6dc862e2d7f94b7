/**
 * Templates: Handlebars with `strict` (a missing variable fails) and `noEscape` (no HTML entities in
 * code); overrides from `.igniter-rt/templates/` or `--templates`, only from inside the project.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinTemplatesDir, createRenderer } from '../../src/generate/render.js';
import { GenerateError } from '../../src/generate/types.js';
import { thrown } from './expected-error.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const cleanup: string[] = [];

afterAll(() => {
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
});

function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  cleanup.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('createRenderer', () => {
  it('finds the package templates folder', () => {
    expect(builtinTemplatesDir()).toBe(join(repoRoot, 'templates'));
  });

  it('shared blocks are partials: `{{> dir/name}}` is dir/name.ts.hbs, strict and unescaped, and an override replaces a partial', () => {
    const files = {
      '.igniter-rt/templates/t/main.ts.hbs': 'start\n{{> t/partials/block}}\nend\n',
      '.igniter-rt/templates/t/partials/block.ts.hbs': 'const a = "{{value}}" // {{> t/partials/inner}}\n',
      '.igniter-rt/templates/t/partials/inner.ts.hbs': 'inner {{value}}',
    };
    expect(createRenderer(project(files)).render('t/main.ts.hbs', { value: '<b>' })).toBe('start\nconst a = "<b>" // inner <b>\nend\n');
    expect(thrown(() => createRenderer(project(files)).render('t/main.ts.hbs', {})).message).toMatch(/"value" not defined/);
    // A built-in partial, overridden in the project: the built-in template that uses it renders the override.
    const root = project({ '.igniter-rt/templates/controller/partials/handler-start.ts.hbs': '  handler: async ({ request, context, response }) => { // mine\n' });
    const renderer = createRenderer(root);
    expect(renderer.sourceOf('controller/partials/handler-start.ts.hbs')).toContain('.igniter-rt');
    const data = { instanceName: 'igniter', deleteName: 'Delete note', itemPath: '/:id', isMemory: true, camel: 'note', partitionArg: '', notFound: 'Note not found', revalidateChange: 'await x' };
    expect(renderer.render('controller/actions/delete.ts.hbs', data)).toContain("method: 'DELETE',\n  handler: async ({ request, context, response }) => { // mine\n    const deleted");
  });

  it('renders code without HTML escaping', () => {
    const root = project({ '.igniter-rt/templates/t/code.ts.hbs': 'const html = "{{markup}}"; const x = a {{op}} b;\n' });
    const output = createRenderer(root).render('t/code.ts.hbs', { markup: '<div class="a">&amp;</div>', op: '=>' });
    expect(output).toBe('const html = "<div class="a">&amp;</div>"; const x = a => b;\n');
    expect(output).not.toMatch(/&lt;|&gt;|&quot;|&#x27;|&#x3D;/);
  });

  it('fails on a missing variable (strict), naming it and the template', () => {
    const root = project({ '.igniter-rt/templates/t/strict.ts.hbs': 'export const {{names.camel}} = {{missing}};\n' });
    const renderer = createRenderer(root);
    const error = thrown(() => renderer.render('t/strict.ts.hbs', { names: { camel: 'user' } }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/"missing" not defined/);
    expect(error.message).toMatch(/strict\.ts\.hbs/);
    // A missing nested property fails too.
    const nested = project({ '.igniter-rt/templates/t/nested.hbs': '{{names.pascal}}' });
    expect(() => createRenderer(nested).render('t/nested.hbs', { names: {} })).toThrow(GenerateError);
  });

  it('has the str, eq and includes helpers', () => {
    const root = project({
      '.igniter-rt/templates/t/helpers.hbs': "{{str label}}|{{#if (eq scope 'user')}}U{{else}}N{{/if}}|{{#if (includes actions 'list')}}L{{/if}}",
    });
    expect(createRenderer(root).render('t/helpers.hbs', { label: "it's", scope: 'user', actions: ['list'] })).toBe("'it\\'s'|U|L");
    expect(createRenderer(root).render('t/helpers.hbs', { label: 'x', scope: 'room', actions: [] })).toBe("'x'|N|");
  });

  it('reads overrides from .igniter-rt/templates first, then the package templates', () => {
    const root = project({ '.igniter-rt/templates/t/a.hbs': 'override {{x}}' });
    const renderer = createRenderer(root);
    expect(renderer.render('t/a.hbs', { x: 1 })).toBe('override 1');
    expect(renderer.sourceOf('t/a.hbs')).toContain(join('.igniter-rt', 'templates', 't', 'a.hbs'));
    expect(() => renderer.sourceOf('t/none.hbs')).toThrow(/missing built-in template t\/none\.hbs/);
  });

  it('prefers --templates over .igniter-rt/templates, relative to the project root', () => {
    const root = project({
      '.igniter-rt/templates/t/a.hbs': 'default folder',
      'my-templates/t/a.hbs': 'flag folder',
    });
    expect(createRenderer(root, 'my-templates').render('t/a.hbs', {})).toBe('flag folder');
    expect(createRenderer(root, join(root, 'my-templates')).render('t/a.hbs', {})).toBe('flag folder');
    expect(createRenderer(root).render('t/a.hbs', {})).toBe('default folder');
  });

  it('falls back to the package template when the override folder lacks one', () => {
    const root = project({ 'tpl/other/x.hbs': 'x' });
    const renderer = createRenderer(root, 'tpl');
    expect(renderer.sourceOf('other/x.hbs')).toBe(join(root, 'tpl', 'other', 'x.hbs'));
    // Any built-in template (the generators' own, once they exist) is read from the package.
    const builtin = readdirSync(builtinTemplatesDir(), { recursive: true }).map(String).filter((file) => file.endsWith('.hbs'));
    for (const file of builtin.slice(0, 3)) expect(renderer.sourceOf(file.split('\\').join('/'))).toBe(join(builtinTemplatesDir(), file));
  });

  it('refuses a --templates folder outside the project', () => {
    const outside = mkdtempSync(join(tmpdir(), 'igniter-rt-templates-'));
    cleanup.push(outside);
    writeFileSync(join(outside, 'x.hbs'), 'evil');
    const root = project();
    const error = thrown(() => createRenderer(root, outside));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/only from inside the project/);
    expect(thrown(() => createRenderer(root, '../')).exitCode).toBe(2);
  });

  it('refuses an override folder that is a symlink leading outside the project', () => {
    const outside = mkdtempSync(join(tmpdir(), 'igniter-rt-templates-'));
    cleanup.push(outside);
    const root = project();
    mkdirSync(join(root, '.igniter-rt'));
    symlinkSync(outside, join(root, '.igniter-rt', 'templates'));
    expect(thrown(() => createRenderer(root)).message).toMatch(/only from inside the project/);
    symlinkSync(outside, join(root, 'linked'));
    expect(thrown(() => createRenderer(root, 'linked')).exitCode).toBe(2);
  });

  it('refuses a --templates folder that does not exist', () => {
    const error = thrown(() => createRenderer(project(), 'nope'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/"nope" does not exist/);
  });
});
