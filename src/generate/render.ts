/**
 * Template rendering: Handlebars with `noEscape` (generated code must never contain HTML entities) and
 * `strict` (a missing variable is a bug, not an empty string). A template is looked up first in the
 * override folder (`--templates DIR`, else `.igniter-rt/templates/` in the project), then in the
 * package's `templates/`. Overrides are read only from inside the project.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type HandlebarsNamespace from 'handlebars';
import { printable, stringLiteral } from './names.js';
import { GenerateError } from './types.js';

/** The package's own templates folder (from src/generate or dist/src/generate). */
export function builtinTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates', 'controller'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('igniter-rt: cannot find the templates folder of the package');
    dir = parent;
  }
  return join(dir, 'templates');
}

/** `{{> name}}` (also `{{~> name}}`): a partial, named by its path under templates/ without `.ts.hbs`. */
const PARTIAL_REFERENCE = /\{\{~?>\s*([\w./-]+)/g;

export interface Renderer {
  render(template: string, data: Record<string, unknown>): string;
  /** Where a template was read from (for messages and tests). */
  sourceOf(template: string): string;
}

export function createRenderer(root: string, overrideDir?: string): Renderer {
  const handlebars = (createRequire(import.meta.url)('handlebars') as typeof HandlebarsNamespace).create();
  // `{{str value}}` → a safely quoted TypeScript string literal.
  handlebars.registerHelper('str', (value: unknown) => stringLiteral(String(value)));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  const overrides = overrideFolder(root, overrideDir);
  const builtin = builtinTemplatesDir();
  const compiled = new Map<string, HandlebarsNamespace.TemplateDelegate>();
  const partials = new Set<string>();

  // Shared blocks are Handlebars partials: `{{> stream/partials/can-access}}` is the template
  // stream/partials/can-access.ts.hbs, looked up like any template (so an override replaces it too).
  const registerPartials = (source: string): void => {
    for (const [, name] of source.matchAll(PARTIAL_REFERENCE)) {
      if (partials.has(name)) continue;
      partials.add(name);
      const text = readFileSync(sourceOf(`${name}.ts.hbs`), 'utf8');
      handlebars.registerPartial(name, text);
      registerPartials(text);
    }
  };

  const sourceOf = (template: string): string => {
    if (overrides) {
      const candidate = join(overrides, template);
      if (existsSync(candidate)) return insideProject(root, candidate, candidate);
    }
    const path = join(builtin, template);
    if (!existsSync(path)) throw new Error(`igniter-rt: missing built-in template ${template}`);
    return path;
  };

  return {
    sourceOf,
    render(template, data) {
      const path = sourceOf(template);
      let fn = compiled.get(path);
      if (!fn) {
        const source = readFileSync(path, 'utf8');
        registerPartials(source);
        fn = handlebars.compile(source, { noEscape: true, strict: true });
        compiled.set(path, fn);
      }
      try {
        return fn(data);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new GenerateError(`Template ${relative(root, path) || path} failed: ${reason}`);
      }
    },
  };
}

/** The override folder, only when it lies inside the project (after resolving symlinks). */
function overrideFolder(root: string, overrideDir: string | undefined): string | undefined {
  if (overrideDir?.includes('\0')) throw new GenerateError(`The templates folder ${printable(overrideDir)} is not a valid path.`, 2);
  const candidate = overrideDir ? (isAbsolute(overrideDir) ? overrideDir : resolve(root, overrideDir)) : join(root, '.igniter-rt', 'templates');
  if (!existsSync(candidate)) {
    if (overrideDir) throw new GenerateError(`The templates folder ${printable(overrideDir)} does not exist.`, 2);
    return undefined;
  }
  return insideProject(root, candidate, overrideDir ?? candidate);
}

/**
 * The real path of `path`, which must lie inside the project once symlinks are resolved: a folder, and
 * each template file read from it (a symlinked file or subfolder must not lead out either).
 */
function insideProject(root: string, path: string, shown: string): string {
  const real = realpathSync(path);
  const inside = relative(realpathSync(root), real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new GenerateError(`Template overrides are read only from inside the project; ${printable(shown)} is outside ${root}.`, 2);
  }
  return real;
}
