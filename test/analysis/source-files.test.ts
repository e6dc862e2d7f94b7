/**
 * The walk of a project's sources (src/analysis/source-files.ts) and the project root of a folder
 * (project-context.ts): which folders are another project, which are skipped by name, in what order.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRootFor, projectRootOfFolder } from '../../src/analysis/project-context.js';
import { isListedSource, listSourceFiles, scanSourceFiles } from '../../src/analysis/source-files.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A folder holding `files` (relative path → text; a path ending in `/` is an empty folder). */
function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'igniter-rt-sources-')));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
  return root;
}

describe('listing sources', () => {
  const root = tree({
    'src/b.ts': '',
    'src/A.ts': '',
    'src/a.tsx': '',
    'src/_x.mts': '',
    'src/types.d.ts': '',
    'src/.hidden.ts': '',
    'src/feature/build/x.ts': '',
    'src/feature/Package.JSON/x.ts': '',
    'packages/lib/package.json': '{}',
    'packages/lib/index.ts': '',
    'packages/app/tsconfig.json': '{}',
    'packages/app/index.ts': '',
    'packages/marker-folder/package.json/': '',
    'packages/marker-folder/index.ts': '',
    'packages/plain/index.ts': '',
    '.github/x.ts': '',
    '.nested/package.json': '{}',
    '.nested/x.ts': '',
    'dist/out.ts': '',
    'node_modules/dep/index.ts': '',
  });
  const relative = (files: string[]) => files.map((file) => file.slice(root.length + 1));

  it('skips nested projects (a package.json or tsconfig.json of any kind), dependencies, dot-folders and build output', () => {
    const scan = scanSourceFiles(root, { skipNestedProjects: true });
    expect(relative(scan.files)).toEqual(['packages/plain/index.ts', 'src/_x.mts', 'src/A.ts', 'src/a.tsx', 'src/b.ts', 'src/feature/build/x.ts', 'src/feature/Package.JSON/x.ts']);
    // A dot-folder that is a project of its own is not reported as skipped by name.
    expect(relative(scan.skippedByName)).toEqual(['.github', 'dist']);
    expect(scan.truncated).toBe(false);
  });

  it('walks nested projects when asked to, in the same order', () => {
    expect(relative(listSourceFiles(root))).toEqual([
      'packages/app/index.ts',
      'packages/lib/index.ts',
      'packages/marker-folder/index.ts',
      'packages/plain/index.ts',
      'src/_x.mts',
      'src/A.ts',
      'src/a.tsx',
      'src/b.ts',
      'src/feature/build/x.ts',
      'src/feature/Package.JSON/x.ts',
    ]);
  });

  it('gives the same paths from a start that is not normalized', () => {
    expect(listSourceFiles(`${root}/src/../packages/`, { skipNestedProjects: true })).toEqual([join(root, 'packages', 'plain', 'index.ts')]);
  });

  it('tells a listed path as the walk does', () => {
    expect(isListedSource(root, join(root, 'src', 'b.ts'), { skipNestedProjects: true })).toBe(true);
    expect(isListedSource(root, join(root, 'packages', 'lib', 'index.ts'), { skipNestedProjects: true })).toBe(false);
    expect(isListedSource(root, join(root, 'packages', 'marker-folder', 'index.ts'), { skipNestedProjects: true })).toBe(false);
  });

  it('follows a marker that is a symbolic link only when it leads somewhere', () => {
    const linked = tree({ 'a/index.ts': '', 'b/index.ts': '', 'target.json': '{}' });
    symlinkSync(join(linked, 'target.json'), join(linked, 'a', 'package.json'));
    symlinkSync(join(linked, 'missing.json'), join(linked, 'b', 'package.json'));
    expect(listSourceFiles(linked, { skipNestedProjects: true }).map((file) => file.slice(linked.length + 1))).toEqual(['b/index.ts']);
  });
});

describe('the project root of a file', () => {
  const root = tree({ 'package.json': '{}', 'src/features/a/controllers/a.ts': '', 'src/features/b/controllers/b.ts': '', 'tools/tsconfig.json': '{}', 'tools/x/y.ts': '' });

  it('is the nearest folder with a marker, the same whichever file of the project is asked first', () => {
    expect(projectRootFor('src/features/b/controllers/b.ts', root)).toBe(root);
    expect(projectRootFor(join(root, 'src/features/a/controllers/a.ts'), '/elsewhere')).toBe(root);
    expect(projectRootFor('tools/x/y.ts', root)).toBe(join(root, 'tools'));
    expect(projectRootFor('src/features/a/controllers/a.ts', root)).toBe(root);
    expect(projectRootOfFolder(join(root, 'src', 'features'))).toBe(root);
    expect(projectRootFor('src/features/a/controllers/a.ts', root, 'tools/tsconfig.json')).toBe(join(root, 'tools'));
    expect(projectRootFor('src/features/a/controllers/a.ts', root)).toBe(root);
  });
});
