import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addActions, ensureImports, findController, registerController } from '../../src/generate/ast-edits.js';
import { VirtualTree } from '../../src/generate/tree.js';
import type { ProjectLayout } from '../../src/generate/types.js';
import { thrown } from './expected-error.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A project on disk (inside the repo) with `files`, and a fresh virtual tree over it. */
function project(files: Record<string, string>, alias = true): { tree: VirtualTree; layout: ProjectLayout } {
  const root = mkdtempSync(join(repoRoot, '.tmp-gen-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const layout: ProjectLayout = {
    root,
    routerFile: 'src/igniter.router.ts',
    instanceFile: 'src/igniter.ts',
    instanceName: 'igniter',
    featuresDir: 'src/features',
    clientFile: 'src/igniter.client.ts',
    clientName: 'api',
    sourceDir: 'src',
    proceduresDir: 'src/procedures',
    procedureSearchDir: 'src',
    storeAttached: true,
    hooksDir: 'src/hooks',
    alias: alias ? { prefix: '@/', dir: 'src' } : undefined,
  };
  return { tree: new VirtualTree(root), layout };
}

const HEALTH = `import { igniter } from '@/igniter'

export const healthController = igniter.controller({
  name: 'Health',
  path: '/health',
  actions: {
    check: igniter.query({
      path: '/' as const,
      handler: async ({ response }) => response.success({ ok: true }),
    }),
  },
})
`;

const NOTE = `import { igniter } from '../../../igniter';

const archive = igniter.mutation({ path: '/:id/archive', method: 'POST', handler: async ({ response }) => response.success(null) });

export const noteController = igniter.controller({
  name: 'Note',
  path: '/notes',
  actions: {
    // the live list
    list: igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) }),

    byId: igniter.query({ path: '/:id', stream: false, handler: async ({ response }) => response.success(null) }),

    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.success(null) }), // last one
  }
});
`;

const ODD_ROUTER = `// The app's router.
import { igniter } from '@/igniter'
import {
  healthController, // health checks
} from '@/features/health/controllers/health.controller'
import * as notes from './features/note'

/* controllers, one per feature */
export const AppRouter = igniter.router({
  controllers: {
      health: healthController,   // keep first
      note: notes.noteController
  }
})

export type AppRouterType = typeof AppRouter
`;

describe('findController', () => {
  it('follows alias, namespace and re-exported imports, and reads kinds and stream flags', () => {
    const { tree, layout } = project({
      'src/igniter.router.ts': ODD_ROUTER,
      'src/features/health/controllers/health.controller.ts': HEALTH,
      'src/features/note/index.ts': "export { noteController } from './controllers/note.controller';\n",
      'src/features/note/controllers/note.controller.ts': NOTE,
    });
    expect(findController(tree, layout, 'health')).toEqual({
      key: 'health',
      file: 'src/features/health/controllers/health.controller.ts',
      exportName: 'healthController',
      actions: [{ key: 'check', kind: 'query', stream: false, path: '/' }],
    });
    expect(findController(tree, layout, 'note')).toEqual({
      key: 'note',
      file: 'src/features/note/controllers/note.controller.ts',
      exportName: 'noteController',
      actions: [
        { key: 'list', kind: 'query', stream: true, path: '/' },
        { key: 'byId', kind: 'query', stream: false, path: '/:id' },
        { key: 'create', kind: 'mutation', stream: false, path: '/' },
      ],
    });
  });

  it('follows relative imports, aliased specifiers and local consts', () => {
    const { tree, layout } = project(
      {
        'src/igniter.router.ts': `import { igniter } from './igniter';\nimport { noteController as notes } from './features/note/controllers/note.controller.js';\nexport const AppRouter = igniter.router({ controllers: { note: notes } });\n`,
        'src/features/note/controllers/note.controller.ts': NOTE.replace('    create:', '    archive,\n    create:'),
      },
      false,
    );
    const info = findController(tree, layout, 'note');
    expect(info.file).toBe('src/features/note/controllers/note.controller.ts');
    expect(info.actions.map((action) => `${action.key}:${action.kind}`)).toEqual(['list:query', 'byId:query', 'archive:mutation', 'create:mutation']);
  });

  it('names the registered keys when the key is unknown (exit 2)', () => {
    const { tree, layout } = project({ 'src/igniter.router.ts': ODD_ROUTER });
    const error = thrown(() => findController(tree, layout, 'user'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('Registered: health, note');
  });
});

describe('registerController', () => {
  const entry = { key: 'user', exportName: 'userController', file: 'src/features/user/controllers/user.controller.ts' };

  it('adds the import and the entry, keeping comments and odd indentation, and is idempotent', () => {
    const { tree, layout } = project({ 'src/igniter.router.ts': ODD_ROUTER });
    expect(registerController(tree, layout, entry)).toBe('added');
    const after = tree.read('src/igniter.router.ts');
    expect(after).toBe(
      ODD_ROUTER.replace("import * as notes from './features/note'\n", "import * as notes from './features/note'\nimport { userController } from '@/features/user/controllers/user.controller'\n").replace(
        '      note: notes.noteController\n',
        '      note: notes.noteController,\n      user: userController\n',
      ),
    );
    expect(registerController(tree, layout, entry)).toBe('unchanged');
    expect(tree.read('src/igniter.router.ts')).toBe(after);
  });

  it('keeps trailing commas and a comment after the last entry', () => {
    const router = `import { igniter } from '@/igniter';\nimport { healthController } from '@/features/health/controllers/health.controller';\n\nexport const AppRouter = igniter.router({\n\tcontrollers: {\n\t\thealth: healthController, // health\n\t},\n});\n`;
    const { tree, layout } = project({ 'src/igniter.router.ts': router });
    registerController(tree, layout, entry);
    expect(tree.read('src/igniter.router.ts')).toBe(
      `import { igniter } from '@/igniter';\nimport { healthController } from '@/features/health/controllers/health.controller';\nimport { userController } from '@/features/user/controllers/user.controller';\n\nexport const AppRouter = igniter.router({\n\tcontrollers: {\n\t\thealth: healthController, // health\n\t\tuser: userController,\n\t},\n});\n`,
    );
  });

  it('uses a relative import without an alias, and fills an empty controllers object', () => {
    const { tree, layout } = project({ 'src/igniter.router.ts': `import { igniter } from "./igniter";\n\nexport const AppRouter = igniter.router({ controllers: {} });\n` }, false);
    registerController(tree, layout, entry);
    expect(tree.read('src/igniter.router.ts')).toBe(
      `import { igniter } from "./igniter";\nimport { userController } from "./features/user/controllers/user.controller";\n\nexport const AppRouter = igniter.router({ controllers: {\n  user: userController,\n} });\n`,
    );
  });

  it('refuses a key registered to another controller unless force, then replaces it and drops the unused import', () => {
    const { tree, layout } = project({
      'src/igniter.router.ts': `import { igniter } from '@/igniter'\nimport { accountController } from '@/features/account/account.controller'\n\nexport const AppRouter = igniter.router({\n  controllers: {\n    user: accountController,\n  },\n})\n`,
    });
    const error = thrown(() => registerController(tree, layout, entry));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain('use --force');
    expect(tree.changes()).toEqual([]);
    expect(registerController(tree, layout, entry, { force: true })).toBe('added');
    expect(tree.read('src/igniter.router.ts')).toBe(
      `import { igniter } from '@/igniter'\nimport { userController } from '@/features/user/controllers/user.controller'\n\nexport const AppRouter = igniter.router({\n  controllers: {\n    user: userController,\n  },\n})\n`,
    );
  });

  it('refuses a name the router already imports from elsewhere', () => {
    const { tree, layout } = project({
      'src/igniter.router.ts': `import { igniter } from '@/igniter'\nimport { userController } from '@/legacy/user'\n\nexport const AppRouter = igniter.router({ controllers: { legacy: userController } })\n`,
    });
    expect(thrown(() => registerController(tree, layout, entry)).message).toContain("already imports a \"userController\" from '@/legacy/user'");
  });

  it('with --force, replaces a key bound to the same name from another module, import included', () => {
    const { tree, layout } = project({
      'src/igniter.router.ts': `import { igniter } from '@/igniter'\nimport { userController } from '@/legacy/user'\n\nexport const AppRouter = igniter.router({ controllers: { user: userController } })\n`,
    });
    expect(thrown(() => registerController(tree, layout, entry)).message).toContain('use --force');
    registerController(tree, layout, entry, { force: true });
    expect(tree.read('src/igniter.router.ts')).toBe(
      `import { igniter } from '@/igniter'\nimport { userController } from '@/features/user/controllers/user.controller'\n\nexport const AppRouter = igniter.router({ controllers: { user: userController } })\n`,
    );
  });
});

describe('addActions', () => {
  const code = `igniter.mutation({\n  path: '/:id/pin' as const,\n  method: 'PUT',\n  handler: async ({ response }) => {\n    return response.success(null)\n  },\n})`;

  it('appends after a trailing comment, with a blank line when the actions have them, keeping everything else', () => {
    const { tree } = project({ 'src/note.controller.ts': NOTE });
    addActions(tree, 'src/note.controller.ts', 'noteController', [{ key: 'pin', code }]);
    const after = tree.read('src/note.controller.ts')!;
    expect(after).toBe(
      NOTE.replace(
        '// last one\n',
        "// last one\n\n    pin: igniter.mutation({\n      path: '/:id/pin' as const,\n      method: 'PUT',\n      handler: async ({ response }) => {\n        return response.success(null)\n      },\n    }),\n",
      ),
    );
    // Same code again (even formatted differently) → nothing changes.
    addActions(tree, 'src/note.controller.ts', 'noteController', [{ key: 'pin', code: code.replace(/'/g, '"').replace(/\n\s*/g, ' ') }]);
    expect(tree.read('src/note.controller.ts')).toBe(after);
  });

  it('adds a comma when the last action has none, and uses the file indentation (tabs)', () => {
    const source = `export const c = igniter.controller({\n\tactions: {\n\t\tlist: igniter.query({ path: '/' })\n\t}\n})\n`;
    const { tree } = project({ 'src/c.ts': source });
    addActions(tree, 'src/c.ts', 'c', [{ key: 'pin', code }]);
    expect(tree.read('src/c.ts')).toBe(
      `export const c = igniter.controller({\n\tactions: {\n\t\tlist: igniter.query({ path: '/' }),\n\t\tpin: igniter.mutation({\n\t\t\tpath: '/:id/pin' as const,\n\t\t\tmethod: 'PUT',\n\t\t\thandler: async ({ response }) => {\n\t\t\t\treturn response.success(null)\n\t\t\t},\n\t\t})\n\t}\n})\n`,
    );
  });

  it('conflicts on the same key with other code unless force, which replaces it in place', () => {
    const { tree } = project({ 'src/note.controller.ts': NOTE });
    const error = thrown(() => addActions(tree, 'src/note.controller.ts', 'noteController', [{ key: 'create', code }]));
    expect(error.message).toContain('already has an action "create"');
    expect(tree.changes()).toEqual([]);
    addActions(tree, 'src/note.controller.ts', 'noteController', [{ key: 'create', code }], { force: true });
    const after = tree.read('src/note.controller.ts')!;
    expect(after).toContain("    create: igniter.mutation({\n      path: '/:id/pin' as const,");
    expect(after).toContain('    }), // last one\n  }\n});');
    expect(after.match(/create:/g)).toHaveLength(1);
  });

  it('reports a missing controller or actions object', () => {
    const { tree } = project({ 'src/note.controller.ts': NOTE, 'src/empty.ts': 'export const x = igniter.controller({ name: "x" })\n' });
    expect(thrown(() => addActions(tree, 'src/note.controller.ts', 'otherController', [{ key: 'a', code }])).message).toContain('no `export const otherController');
    expect(thrown(() => addActions(tree, 'src/empty.ts', 'x', [{ key: 'a', code }])).message).toContain('no `actions: { ... }`');
  });
});

describe('ensureImports', () => {
  it('merges into an existing import of the module, single- or multi-line, and skips what is there', () => {
    const source = `import { z } from 'zod'\nimport {\n  A,\n  B,\n} from './schemas'\n\nexport const x = 1\n`;
    const { tree } = project({ 'src/x.ts': source });
    ensureImports(tree, 'src/x.ts', [
      { from: 'zod', names: ['z', 'ZodType'] },
      { from: './schemas', names: ['B', 'C'] },
    ]);
    expect(tree.read('src/x.ts')).toBe(`import { z, ZodType } from 'zod'\nimport {\n  A,\n  B,\n  C,\n} from './schemas'\n\nexport const x = 1\n`);
    const after = tree.read('src/x.ts');
    ensureImports(tree, 'src/x.ts', [{ from: 'zod', names: ['z', 'ZodType'] }]);
    expect(tree.read('src/x.ts')).toBe(after);
  });

  it('adds type-only imports inline or as a new declaration, and upgrades a type import when a value is needed', () => {
    const source = `import { igniter } from '@/igniter';\nimport type { A, B } from './types';\n\nexport const x = 1;\n`;
    const { tree } = project({ 'src/x.ts': source });
    ensureImports(tree, 'src/x.ts', [
      { from: '@/igniter', names: ['Igniter'], typeOnly: true },
      { from: './types', names: ['C'], typeOnly: true },
      { from: './types', names: ['A'], typeOnly: true },
      { from: './other', names: ['Other'], typeOnly: true },
    ]);
    expect(tree.read('src/x.ts')).toBe(
      `import { igniter, type Igniter } from '@/igniter';\nimport type { A, B, C } from './types';\nimport type { Other } from './other';\n\nexport const x = 1;\n`,
    );
    ensureImports(tree, 'src/x.ts', [{ from: './types', names: ['B'] }]);
    expect(tree.read('src/x.ts')).toContain(`import { type A, B, type C } from './types';`);
    ensureImports(tree, 'src/x.ts', [{ from: '@/igniter', names: ['Igniter'] }]);
    expect(tree.read('src/x.ts')).toContain(`import { igniter, Igniter } from '@/igniter';`);
  });

  it('leaves a name the file already imports from another specifier', () => {
    const source = `import * as z from 'zod/v4'\nimport { authProcedure } from '../../procedures/auth.procedure'\n`;
    const { tree } = project({ 'src/x.ts': source });
    ensureImports(tree, 'src/x.ts', [
      { from: 'zod', names: ['z'] },
      { from: '@/procedures/auth.procedure', names: ['authProcedure'] },
    ]);
    expect(tree.read('src/x.ts')).toBe(source);
  });

  it('puts the first import after a header comment', () => {
    const { tree } = project({ 'src/x.ts': `/** Header. */\n\nexport const x = 1\n` });
    ensureImports(tree, 'src/x.ts', [{ from: 'zod', names: ['z'] }]);
    expect(tree.read('src/x.ts')).toBe(`/** Header. */\n\nimport { z } from 'zod'\n\nexport const x = 1\n`);
  });
});

describe('files that do not parse', () => {
  it('refuses to read or edit a file with a syntax error, naming its line and column', () => {
    const { tree, layout } = project({
      'src/igniter.router.ts': "import { igniter } from '@/igniter'\nexport const AppRouter = igniter.router({\n  controllers: {\n    health: healthController\n    other: x,\n  },\n})\n",
      'src/features/health/health.controller.ts': HEALTH,
    });
    for (const run of [
      () => findController(tree, layout, 'health'),
      () => registerController(tree, layout, { key: 'note', exportName: 'noteController', file: 'src/features/note/note.controller.ts' }),
    ]) {
      const error = thrown(run);
      expect(error.exitCode).toBe(1);
      expect(error.message).toBe(
        "src/igniter.router.ts:5:5 has a syntax error (',' expected). Fix it first: igniter-rt reads and edits only files that parse. Nothing was written.",
      );
    }
    expect(tree.changes()).toEqual([]);
  });

  it('blames the generated code, not the file, when code spliced in this run does not parse', () => {
    const { tree } = project({ 'src/features/health/health.controller.ts': HEALTH });
    const file = 'src/features/health/health.controller.ts';
    addActions(tree, file, 'healthController', [{ key: 'broken', code: 'igniter.mutation({ path: (' }]);
    const error = thrown(() => ensureImports(tree, file, [{ from: 'zod', names: ['z'] }]));
    expect(error.message).toMatch(/^The code generated into src\/features\/health\/health\.controller\.ts does not parse \(src\/features\/health\/health\.controller\.ts:\d+:\d+: .+\); check your template overrides\. Nothing was written\.$/);
  });
});
