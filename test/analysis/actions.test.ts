/** What findIgniterDeclarations (src/analysis/actions.ts) reads of actions, controllers and routers, on odd input. */
import { describe, expect, it } from 'vitest';
import { tsMorph } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { SyntaxFile } from '../../src/analysis/syntax-file.js';
import { findIgniterDeclarations } from '../../src/analysis/actions.js';
import { compilerDescendantsOfKind } from '../../src/analysis/syntax.js';

function declarations(text: string) {
  const file = parseSourceFile(text, '/app/src/x.ts');
  const calls = compilerDescendantsOfKind(file.compilerNode, tsMorph().ts.SyntaxKind.CallExpression);
  return findIgniterDeclarations(new SyntaxFile(file), ['igniter'], calls as never);
}

function actions(text: string) {
  return declarations(text).actions.map((action) => ({
    kind: action.kind,
    name: action.name,
    variableName: action.variableName,
    report: action.reportNode.getText(),
    handler: action.handler?.getKindName(),
    stream: action.stream,
    procedures: action.procedures,
    jsDoc: action.jsDoc,
    controller: action.controller?.name,
    call: action.call.getStart(),
    options: action.options.getStart(),
  }));
}

describe('findIgniterDeclarations: actions', () => {
  it('reads the handler through wrappers and in its forms, and skips options without one', () => {
    const found = actions(`
      const a = igniter.query({ handler: (async () => 1) as any });
      const b = igniter.query({ handler() { return 1; } });
      const c = igniter.query({ handler: function () { return 1; } });
      const d = igniter.query({ handler: someHandler });
      const e = igniter.query({ handler });
      const f = igniter.query({ get handler() { return 1; } });
      const g = igniter.query({ path: '/g' });
      const h = igniter.query({ 'handler': (() => 1)! });
      const i = igniter.query(({ handler: () => 1 }) as any);
    `);
    expect(found.map((action) => [action.variableName, action.handler])).toEqual([
      ['a', 'ArrowFunction'],
      ['b', 'MethodDeclaration'],
      ['c', 'FunctionExpression'],
      ['d', undefined],
      ['e', undefined],
      ['f', undefined],
      ['h', 'ArrowFunction'],
      ['i', 'ArrowFunction'],
    ]);
  });

  it('reads names, holders and JSDoc through parentheses, as and satisfies, but not through ! or calls', () => {
    const found = actions(`
      /** @stream */
      // a line comment
      /* a block comment */
      /** second */
      export const \\u0061b = (igniter.query({ handler: () => 1 }) as any) satisfies unknown;
      let n = igniter.query({ handler: () => 1 })!;
      const { x } = igniter.query({ handler: () => 1 });
      wrap(igniter.query({ handler: () => 1 }));
      const obj = {
        /** keyed */ 'k-1': (igniter.mutation({ handler: () => 1 })),
        [\`k2\`]: igniter.mutation({ handler: () => 1 }),
        ['k' + 3]: igniter.mutation({ handler: () => 1 }),
      };
      for (const loop = igniter.query({ handler: () => 1 }); ; ) {}
      /** shebang-free start */ igniter.query({ handler: () => 1 });
    `);
    expect(found.map(({ name, variableName, report, jsDoc, kind }) => ({ name, variableName, report, jsDoc, kind }))).toEqual([
      { name: 'ab', variableName: 'ab', report: expect.stringContaining('igniter.query'), jsDoc: '/** @stream */\n/** second */', kind: 'query' },
      { name: undefined, variableName: undefined, report: expect.stringContaining('igniter.query'), jsDoc: '', kind: 'query' },
      { name: undefined, variableName: undefined, report: expect.stringContaining('igniter.query'), jsDoc: '', kind: 'query' },
      { name: undefined, variableName: undefined, report: expect.stringContaining('igniter.query'), jsDoc: '', kind: 'query' },
      { name: 'k-1', variableName: undefined, report: "'k-1'", jsDoc: '/** keyed */', kind: 'mutation' },
      { name: 'k2', variableName: undefined, report: '[`k2`]', jsDoc: '', kind: 'mutation' },
      { name: undefined, variableName: undefined, report: "['k' + 3]", jsDoc: '', kind: 'mutation' },
      { name: 'loop', variableName: 'loop', report: expect.stringContaining('igniter.query'), jsDoc: '', kind: 'query' },
      { name: undefined, variableName: undefined, report: expect.stringContaining('igniter.query'), jsDoc: '', kind: 'query' },
    ]);
  });

  it('reads stream through wrappers, and procedures in their forms', () => {
    const found = actions(`
      const a = igniter.query({ stream: (true as boolean), handler: () => 1, use: [auth(), p.auth({ required: true }), plain, (wrapped)!, \\u0061uth2, 'str', ...spread, p['x'](), (a.b).c(), await late()] });
      const b = igniter.query({ stream: false, handler: () => 1, use: ([one()]) as any });
      const c = igniter.query({ stream: flag, handler: () => 1, use: list });
      const d = igniter.query({ handler: () => 1, stream });
      const e = igniter.query({ handler: () => 1, stream() { return true; }, use: [] });
      const f = igniter.query({ handler: () => 1, 'stream': true, stream: !0 });
    `);
    expect(found.map(({ stream, procedures }) => ({ stream, procedures }))).toEqual([
      { stream: 'true', procedures: ['auth', 'p.auth', 'plain', 'wrapped', 'auth2', '(a.b).c', 'late'] },
      { stream: 'false', procedures: ['one'] },
      { stream: 'unknown', procedures: [] },
      { stream: 'unknown', procedures: [] },
      { stream: 'unknown', procedures: [] },
      { stream: 'unknown', procedures: [] },
    ]);
  });
});

describe('findIgniterDeclarations: controllers and routers', () => {
  it('links inline and variable actions, by key, with JSDoc from both places', () => {
    const found = declarations(`
      /** on the variable */
      const listPosts = igniter.query({ handler: () => 1 });
      const [first, { second: renamed }] = [igniter.query({ handler: () => 1 }), 0];
      const other = igniter.mutation({ handler: () => 1 });
      const { destructured } = igniter.query({ handler: () => 1 });
      function scope() { const nested = igniter.query({ handler: () => 1 }); }
      export const postController = igniter.controller({
        name: 'posts',
        actions: {
          /** on the key */
          list: listPosts,
          inline: igniter.query({ handler: () => 1 }),
          'quoted-key': (other as any),
          renamed,
          destructured,
          nested,
          missing: nowhere,
          ...spread,
          [computed]: other,
        },
      });
      const noName = igniter.controller({ name: \`tpl\`, actions: notAnObject });
    `);
    expect(found.controllers.map((controller) => ({ variable: controller.variableName, name: controller.name, keys: [...controller.actions.keys()] }))).toEqual([
      { variable: 'postController', name: 'posts', keys: ['list', 'inline', 'quoted-key', 'destructured'] },
      { variable: 'noName', name: 'tpl', keys: [] },
    ]);
    expect(found.actions.map((action) => ({ name: action.name, report: action.reportNode.getText(), jsDoc: action.jsDoc, controller: action.controller?.name }))).toEqual([
      { name: 'list', report: 'list', jsDoc: '/** on the key */\n/** on the variable */', controller: 'posts' },
      { name: undefined, report: expect.stringContaining('igniter.query'), jsDoc: '', controller: undefined },
      { name: 'quoted-key', report: "'quoted-key'", jsDoc: '', controller: 'posts' },
      { name: 'destructured', report: 'destructured', jsDoc: '', controller: 'posts' },
      { name: 'nested', report: expect.stringContaining('igniter.query'), jsDoc: '', controller: undefined },
      { name: 'inline', report: 'inline', jsDoc: '', controller: 'posts' },
    ]);
  });

  it('reads router registrations, spreads and what it cannot read', () => {
    const found = declarations(`
      export const a = igniter.router({ controllers: { posts: postController, 'users': (userController as any), shorthand, ...more, ...(wrapped), ...call(), m() {}, [k]: x } });
      export const b = igniter.router({ controllers: (controllerMap) });
      export const c = igniter.router({ controllers: build() });
      export const d = igniter.router({ });
    `);
    expect(found.routers.map((router) => ({
      registrations: router.registrations.map((registration) => [registration.key, registration.value.getText(), registration.keyNode.getText()]),
      spreads: router.spreads.map((spread) => spread.getText()),
      complete: router.complete,
    }))).toEqual([
      {
        registrations: [['posts', 'postController', 'posts'], ['users', 'userController', "'users'"], ['shorthand', 'shorthand', 'shorthand']],
        spreads: ['more', 'wrapped'],
        complete: false,
      },
      { registrations: [], spreads: ['controllerMap'], complete: true },
      { registrations: [], spreads: [], complete: false },
      { registrations: [], spreads: [], complete: false },
    ]);
  });
});
