/**
 * The layout a newcomer relies on (CONTRIBUTING.md, "Where things are"): one folder per rule holding its
 * definition, docs page and tests; the analysis core and the generators never reach into rules/, and a
 * rule never reaches into another rule's folder. Checked on the import specifiers of every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';

const root = join(import.meta.dirname, '..');
const rulesDir = join(root, 'rules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Relative imports of a file (static, type-only, re-exports and dynamic), resolved to paths from the repository root. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map((match) => match[1]);
  return specifiers.map((specifier) => relative(root, resolve(dirname(file), specifier)).split(sep).join('/'));
}

const repo = (file: string) => relative(root, file).split(sep).join('/');

describe('layout', () => {
  it('has one folder per rule, holding its definition, docs page and tests, and nothing else in rules/ but the registry', () => {
    const folders = readdirSync(rulesDir).filter((name) => statSync(join(rulesDir, name)).isDirectory()).sort();
    expect(folders).toEqual(allRules.map((rule) => rule.id).sort());
    expect(readdirSync(rulesDir).filter((name) => !folders.includes(name))).toEqual(['index.ts']);
    for (const id of folders) {
      const files = readdirSync(join(rulesDir, id));
      expect(files, id).toEqual(expect.arrayContaining(['index.ts', 'README.md', `${id}.test.ts`]));
    }
  });

  it('keeps rule tests in the rule folders: test/ has no test named after a rule', () => {
    const ids = new Set(allRules.map((rule) => rule.id));
    const misplaced = sourceFiles(join(root, 'test')).filter((file) => ids.has(file.split(sep).pop()!.split('.')[0]) && !file.includes(`${sep}fixtures${sep}`));
    expect(misplaced.map(repo)).toEqual([]);
  });

  it('imports from rules/ only in the registry consumers: the ESLint plugin, the engine and the public API', () => {
    const consumers = ['src/engine.ts', 'src/eslint/plugin.ts', 'src/index.ts'];
    const offenders = sourceFiles(join(root, 'src'))
      .filter((file) => relativeImports(file).some((path) => path.startsWith('rules/')))
      .map(repo);
    expect(offenders.sort()).toEqual(consumers.sort());
  });

  it("never imports another rule's folder from a rule, and a rule's code only from the analysis core", () => {
    const problems: string[] = [];
    for (const file of sourceFiles(rulesDir)) {
      const own = repo(file).split('/').slice(0, 2).join('/');
      const isTest = file.endsWith('.test.ts');
      for (const path of relativeImports(file)) {
        if (own === 'rules/index.ts') continue;
        if (path.startsWith('rules/') && !path.startsWith(`${own}/`)) problems.push(`${repo(file)} imports ${path}`);
        if (!isTest && path.startsWith('src/') && !path.startsWith('src/analysis/')) problems.push(`${repo(file)} imports ${path} (rules build on src/analysis only)`);
      }
    }
    expect(problems).toEqual([]);
  });
});
