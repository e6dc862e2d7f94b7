/**
 * The layout's procedure lookup and store detection, on small apps written here: procedures are found by
 * what they are (an exported `<instance>.procedure(...)` anywhere under the source root), ambiguity and
 * absence are exit-2 errors that name the files and the fixes, `generate.proceduresDir` narrows the
 * search; `storeAttached` reads the instance's builder chain, and `requireStore` refuses an app without.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { detectStore, requireStore, resolveLayout } from '../../src/generate/layout.js';
import { findProcedure, listProcedures } from '../../src/generate/procedures.js';
import { VirtualTree } from '../../src/generate/tree.js';
import { GenerateError } from '../../src/generate/types.js';
import { copyFixture, removeCopies, writeFile } from './support.js';

afterAll(removeCopies);

const procedure = (name: string, instance = 'igniter') => `import { ${instance} } from '@/igniter'

export const ${name} = ${instance}.procedure({
  name: '${name}',
  handler: async () => ({ ok: true }),
})
`;

function thrown(run: () => unknown): GenerateError {
  try {
    run();
  } catch (error) {
    if (error instanceof GenerateError) return error;
    throw error;
  }
  throw new Error('expected a GenerateError');
}

describe('procedures found by what they are', () => {
  it('finds every exported <instance>.procedure(...) under the source root, in any folder and export style', () => {
    const root = copyFixture('layouts/nextjs');
    writeFile(root, 'src/features/billing/procedures/admin.procedure.ts', procedure('adminGuard'));
    writeFile(root, 'src/lib/guards.ts', "import { igniter } from '@/igniter'\n\nconst sessionGuard = igniter.procedure({ name: 'session', handler: async () => ({ ok: true }) })\nconst inner = igniter.procedure({ name: 'inner', handler: async () => ({ ok: true }) })\n\nexport { sessionGuard, inner as renamedGuard }\n");
    writeFile(root, 'src/lib/factory.ts', "import { createIgniterProcedure } from '@igniter-js/core'\n\nexport const factoryGuard = createIgniterProcedure({ name: 'f', handler: async () => ({}) })\n");
    // Not procedures: not exported, commented out, another object's `procedure`, a re-export of one declared elsewhere.
    writeFile(root, 'src/lib/not-procedures.ts', "import { igniter } from '@/igniter'\nconst local = igniter.procedure({ name: 'l', handler: async () => ({}) })\n// export const commented = igniter.procedure({})\nexport const other = db.procedure({})\nexport { authProcedure } from '@/features/auth/procedures/auth.procedure'\nvoid local\n");
    writeFile(root, 'src/features/auth/index.ts', "export * from './procedures/auth.procedure'\n");
    const layout = resolveLayout(root);
    const tree = new VirtualTree(root);
    tree.write('src/features/new/procedures/new.procedure.ts', procedure('newAuth'));
    expect(listProcedures(tree, layout)).toEqual([
      { name: 'authProcedure', file: 'src/features/auth/procedures/auth.procedure.ts' },
      { name: 'adminGuard', file: 'src/features/billing/procedures/admin.procedure.ts' },
      { name: 'newAuth', file: 'src/features/new/procedures/new.procedure.ts' },
      { name: 'factoryGuard', file: 'src/lib/factory.ts' },
      { name: 'sessionGuard', file: 'src/lib/guards.ts' },
      { name: 'renamedGuard', file: 'src/lib/guards.ts' },
    ]);
    expect(findProcedure(tree, layout, 'renamedGuard')).toEqual({ name: 'renamedGuard', file: 'src/lib/guards.ts' });
  });

  it('two files exporting the same name: exit 2 naming both files and the fixes', () => {
    const root = copyFixture('layouts/nextjs');
    writeFile(root, 'src/features/admin/procedures/auth.procedure.ts', procedure('authProcedure'));
    const layout = resolveLayout(root);
    const error = thrown(() => findProcedure(new VirtualTree(root), layout, 'authProcedure'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      '--auth authProcedure is ambiguous: 2 files under src/ export a procedure named authProcedure (src/features/admin/procedures/auth.procedure.ts and src/features/auth/procedures/auth.procedure.ts). ' +
        'Rename all but one, or set "generate.proceduresDir" in igniter-rt.config.json to the folder of the one to use. Nothing was written.',
    );
    // The fix works: generate.proceduresDir narrows the search to one folder.
    writeFile(root, 'igniter-rt.config.json', JSON.stringify({ generate: { proceduresDir: 'src/features/auth/procedures' } }));
    const configured = resolveLayout(root);
    expect(configured.procedureSearchDir).toBe('src/features/auth/procedures');
    expect(configured.proceduresDir).toBe('src/features/auth/procedures');
    expect(findProcedure(new VirtualTree(root), configured, 'authProcedure').file).toBe('src/features/auth/procedures/auth.procedure.ts');
  });

  it('none of that name: exit 2 naming --auth, the config key, and the procedures found', () => {
    const root = copyFixture('layouts/nextjs');
    const error = thrown(() => findProcedure(new VirtualTree(root), resolveLayout(root), 'sessionGuard'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'Cannot find the procedure "sessionGuard" (--auth): no file under src/ exports `sessionGuard = igniter.procedure(...)`. Procedures found: authProcedure (src/features/auth/procedures/auth.procedure.ts). ' +
        'Pass --auth with one of them, create it with `igniter-rt generate procedure auth|rate-limit <name>`, or set "generate.proceduresDir" in igniter-rt.config.json to the folder that holds it. Nothing was written.',
    );
    expect(error.message).not.toContain('src/procedures');
  });

  it('an app that keeps its procedures in src/procedures (the generator-app fixture) has that folder as proceduresDir, and still searches all of src', () => {
    const root = copyFixture();
    const layout = resolveLayout(root);
    expect(layout.proceduresDir).toBe('src/procedures');
    expect(layout.procedureSearchDir).toBe('src');
    expect(findProcedure(new VirtualTree(root), layout, 'authProcedure').file).toBe('src/procedures/auth.procedure.ts');
  });
});

describe('store detection (layout.storeAttached) and requireStore', () => {
  const instance = (body: string) => `import { Igniter } from '@igniter-js/core'\nimport { store } from './store'\n\n${body}\n`;

  it.each([
    ['the starters’ chain', "export const igniter = Igniter.context({}).store(store).config({ baseURL: 'x', basePATH: '/api' }).create()", true],
    ['no .store(...)', "export const igniter = Igniter.context({}).config({ baseURL: 'x', basePATH: '/api' }).create()", false],
    ['.store(...) only in a comment', "export const igniter = Igniter.context({})\n  // .store(store)\n  .create()", false],
    ['.store(...) on a builder kept in a variable', 'const builder = Igniter.context({}).store(store)\nexport const igniter = builder.create()', true],
    ['a builder in a variable, without the store', 'const builder = Igniter.context({})\nexport const igniter = builder.create()', false],
    ['an instance from a factory out of view', "import { makeIgniter } from './factory'\nexport const igniter = makeIgniter().create()", true],
    ['a store attached to another instance only', 'export const other = Igniter.store(store).create()\nexport const igniter = Igniter.context({}).create()', false],
  ])('%s → %s', (_name, body, attached) => {
    const root = copyFixture('layouts/no-store');
    writeFile(root, 'src/igniter.ts', instance(body));
    expect(detectStore(root, 'src/igniter.ts', 'igniter')).toBe(attached);
  });

  it('the no-store layout: requireStore refuses with the fix (exit 2); the starters pass', () => {
    const layout = resolveLayout(copyFixture('layouts/no-store'));
    expect(layout.storeAttached).toBe(false);
    const error = thrown(() => requireStore(layout, 'stream'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      'generate stream needs the app\'s store (igniter.store, and igniter.realtime, which @igniter-js/core creates only with a store), but the Igniter instance "igniter" in src/igniter.ts is built without .store(...). ' +
        'Add .store(createRedisStoreAdapter(redis)) to its builder, before .create() (createRedisStoreAdapter from @igniter-js/adapter-redis, redis an ioredis client), ' +
        'or, if the app builds its instance elsewhere, set "generate.instanceFile" and "generate.instanceName" in igniter-rt.config.json. Nothing was written.',
    );
    expect(() => requireStore(resolveLayout(copyFixture('layouts/nextjs')), 'stream')).not.toThrow();
  });
});
