/**
 * Revalidations, live publishes and returns as the file model reads them (src/analysis/realtime-api.ts,
 * file-model.ts, control-flow.ts), on odd input: parentheses, `!`, `as`, string keys, escapes, spreads.
 */
import { describe, expect, it } from 'vitest';
import { FileModel } from '../../src/analysis/file-model.js';
import { tsMorph, type FunctionNode } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { handlerReturns } from '../../src/analysis/control-flow.js';
import { returnedExpressions, revalidateCallRange, usesGuideRealtimeApi } from '../../src/analysis/realtime-api.js';
import { HandlerBindings } from '../../src/analysis/bindings.js';
import { DEFAULT_SETTINGS } from '../../src/analysis/settings.js';

function modelOf(text: string) {
  return new FileModel(parseSourceFile(text, '/app/src/features/a/controllers/a.controller.ts'), '/app/src/features/a/controllers/a.controller.ts', DEFAULT_SETTINGS);
}

/** One line per revalidation: form, keys (`?` when some are unknown), scopes, the terminal it follows, the range's text. */
function revalidationsIn(handlerBody: string) {
  const text = `export const a = igniter.mutation({ handler: async ({ response: res, context, request }) => {\n${handlerBody}\n} });`;
  const model = modelOf(text);
  return model.revalidations().map(({ value, action }) => {
    const targets = value.targets.map((target) => `${target.keys.map((key) => `${key.value}@${key.node.getText()}`).join(',')}${target.keysKnown ? '' : '?'} scopes=${target.scopes?.getText() ?? (target.scopesUnknown ? 'unknown' : '-')}`);
    const [start, end] = revalidateCallRange(value);
    return `${value.form} [${targets.join(' | ')}]${value.after ? ` after ${value.after.getText()}` : ''} ${action ? 'in' : 'out'} «${text.slice(start, end)}»`;
  });
}

describe('revalidations', () => {
  it('reads the response forms through parentheses, `!`, `as`, string keys and escapes', () => {
    const found = revalidationsIn([
      "(res.revalidate(['a', ('b' as const), `c`, key]));",
      "res!['revalidate']('d').success(1);",
      "res.success(1).re\\u0076alidate(('e'))!;",
      "res.revalidate({ queryKeys: ['f'], ...rest });",
      "res.revalidate({ queryKeys: 'g', 'scopes': () => ['x'] });",
      "res.revalidate({ queryKeys: ['h'], scopes: s }, (ctx) => ['y']);",
      "res.status(200).revalidate(opts);",
      "(res.revalidate as any)(['no']);",
      "res[('revalidate')](['no']);",
      "other.revalidate(['no']);",
    ].join('\n'));
    expect(found).toEqual([
      "response-before [a@'a',b@'b',c@`c`? scopes=-] in «revalidate(['a', ('b' as const), `c`, key])»",
      "response-before [d@'d' scopes=-] in «'revalidate']('d')»",
      "response-after [e@'e' scopes=-] after res.success(1) in «re\\u0076alidate(('e'))»",
      "response-options [f@'f' scopes=unknown] in «revalidate({ queryKeys: ['f'], ...rest })»",
      "response-options [g@'g' scopes=() => ['x']] in «revalidate({ queryKeys: 'g', 'scopes': () => ['x'] })»",
      "response-options [h@'h' scopes=(ctx) => ['y']] in «revalidate({ queryKeys: ['h'], scopes: s }, (ctx) => ['y'])»",
      'response-before [? scopes=unknown] in «revalidate(opts)»',
    ]);
  });

  it('reads the realtime form: targets of each branch, paths, scopes and spreads', () => {
    const found = revalidationsIn([
      "context.realtime.revalidate(changed ? [{ path: 'a', scopes: ['u'] }] : [{ ...base, path: ['b', 'c'] }]);",
      "(igniter.realtime!).revalidate([{ 'path': `d`, scopes }, other]);",
      'context.realtime.revalidate();',
    ].join('\n'));
    expect(found).toEqual([
      "realtime [a@'a' scopes=['u'] | b@'b',c@'c' scopes=unknown] in «revalidate(changed ? [{ path: 'a', scopes: ['u'] }] : [{ ...base, path: ['b', 'c'] }])»",
      'realtime [d@`d` scopes=scopes | ? scopes=unknown] in «revalidate([{ \'path\': `d`, scopes }, other])»',
      'realtime [] in «revalidate()»',
    ]);
  });

  it('reads calls outside handlers by their root names', () => {
    const model = modelOf("response.revalidate(['a']);\nrealtime.revalidate([{ path: 'b' }]);\nres.revalidate(['c']);");
    expect(model.revalidations().map(({ value, action }) => `${value.form} ${value.targets[0]?.keys[0]?.value} ${action ? 'in' : 'out'}`)).toEqual(['response-before a out', 'realtime b out']);
  });
});

describe('live publishes', () => {
  it('finds realtime publishes, builder chains and store publishes, through parentheses, `!` and string keys', () => {
    const model = modelOf(`export const a = igniter.mutation({ handler: async ({ context: { store }, realtime: rt }) => {
      rt.publish('a', 1);
      (igniter.realtime)!['broadcast']('b');
      rt.to('c').withData(1).publish();
      store.publish('d', 1);
      igniter.store.publish('e', 1);
      other.publish('no');
      rt.to('f').broadcast();
      (rt.publish as any)('no');
    } });`);
    expect(model.livePublishes().map(({ value }) => value.getText())).toEqual([
      "rt.publish('a', 1)",
      "(igniter.realtime)!['broadcast']('b')",
      "rt.to('c').withData(1).publish()",
      "store.publish('d', 1)",
      "igniter.store.publish('e', 1)",
    ]);
  });
});

describe('returns', () => {
  function handlerOf(text: string): FunctionNode {
    return parseSourceFile(`const h = ${text};`, '/app/src/h.ts').getFirstDescendantByKindOrThrow(tsMorph().SyntaxKind.ArrowFunction) as FunctionNode;
  }
  const handler = `async ({ response }) => {
    if (a) return (x ? response.success(1) : y ?? z);
    const f = () => { return 'nested'; };
    class C { m() { return 'in class'; } }
    const o = { get g() { return 'getter'; }, m() { return 'method'; } };
    for (;;) { return b && c; }
    if (d) return { get inner() { return 'in a returned getter'; } };
    return;
  }`;

  it('handlerReturns: each branch of the handler\'s own returns', () => {
    expect(handlerReturns(handlerOf(handler)).map(({ site, branch }) => `${site.getKindName()}: ${branch.getText()}`)).toEqual([
      'ReturnStatement: response.success(1)',
      'ReturnStatement: y',
      'ReturnStatement: z',
      "ReturnStatement: 'getter'",
      'ReturnStatement: b',
      'ReturnStatement: c',
      "ReturnStatement: { get inner() { return 'in a returned getter'; } }",
    ]);
    expect(handlerReturns(handlerOf('() => (a as any) || (b!)')).map(({ branch }) => branch.getText())).toEqual(['a', 'b']);
  });

  it('returnedExpressions: the expressions of the function\'s own returns', () => {
    expect(returnedExpressions(handlerOf(handler)).map((node) => node.getText())).toEqual([
      '(x ? response.success(1) : y ?? z)',
      "'getter'",
      'b && c',
      "{ get inner() { return 'in a returned getter'; } }",
      "'in a returned getter'",
    ]);
    expect(returnedExpressions(handlerOf('() => (a)')).map((node) => node.getText())).toEqual(['(a)']);
  });
});

describe('usesGuideRealtimeApi', () => {
  function uses(text: string) {
    const fn = parseSourceFile(`const h = ${text};`, '/app/src/h.ts').getFirstDescendantByKindOrThrow(tsMorph().SyntaxKind.ArrowFunction) as FunctionNode;
    return usesGuideRealtimeApi(fn.compilerNode, new HandlerBindings(fn.compilerNode), ['igniter']);
  }

  it('finds realtime.send / onDisconnect through bindings, parentheses, string keys and escapes, and nothing else', () => {
    expect(uses("({ realtime: rt }) => { (rt!)['send']('x'); }")).toBe(true);
    expect(uses('({ context }) => { const f = () => context.realtime.onDisconnect(() => 1); }')).toBe(true);
    expect(uses('() => { igniter.realtime.s\\u0065nd(1); }')).toBe(true);
    expect(uses('({ realtime }) => { other.send(1); realtime.publish(1); }')).toBe(false);
  });
});
