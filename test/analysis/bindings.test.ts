/** `HandlerBindings` (src/analysis/bindings.ts): what a handler's names stand for inside its context object. */
import { describe, expect, it } from 'vitest';
import { tsMorph, type FunctionNode } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { HandlerBindings, NameBindings, type Bindings } from '../../src/analysis/bindings.js';

function bindingsOf(handler: string, contextParameter = 0) {
  const file = parseSourceFile(`const handler = ${handler};`, '/app/src/h.ts');
  const { SyntaxKind } = tsMorph();
  const fn = file.getFirstDescendantByKindOrThrow(SyntaxKind.ArrowFunction) as FunctionNode;
  return new HandlerBindings(fn.compilerNode, contextParameter);
}

describe('HandlerBindings', () => {
  it('maps destructured, renamed, nested, string-keyed and computed names of the parameter to their paths', () => {
    const bindings = bindingsOf("({ response: res, context: { store }, 'request': req, ['realtime']: rt }) => 1");
    expect([bindings.textFor('response'), bindings.textFor('context.store'), bindings.textFor('request.raw'), bindings.textFor('realtime')]).toEqual(['res', 'store', 'req.raw', 'rt']);
  });

  it('reads the context parameter given, and destructurings of it in the body', () => {
    const bindings = bindingsOf('(options, ctx) => { const { response } = ctx; const { store: s } = ctx.context; return response; }', 1);
    expect(bindings.contextParameterName()).toBe('ctx');
    expect([bindings.textFor('response'), bindings.textFor('context.store')]).toEqual(['response', 's']);
  });

  it('lets `...rest` stand for the keys not destructured beside it', () => {
    const bindings = bindingsOf('({ response, ...rest }) => 1');
    expect([bindings.textFor('response'), bindings.textFor('realtime'), bindings.has('other')]).toEqual(['response', 'rest.realtime', true]);
    expect(bindingsOf('({ ...rest }) => 1').textFor('response')).toBe('rest.response');
  });

  it('binds nothing for non-static keys or array patterns', () => {
    const bindings = bindingsOf('({ [key]: value, list: [first] }) => 1');
    expect([bindings.has('response'), bindings.contextParameterName()]).toEqual([false, undefined]);
  });
});

describe('pathOf', () => {
  /** The path of each expression statement of the handler's body, by the handler's bindings. */
  function pathsIn(handler: string, bindings: (fn: FunctionNode) => Bindings = (fn) => new HandlerBindings(fn.compilerNode)) {
    const file = parseSourceFile(`const handler = ${handler};`, '/app/src/h.ts');
    const { SyntaxKind } = tsMorph();
    const fn = file.getFirstDescendantByKindOrThrow(SyntaxKind.ArrowFunction) as FunctionNode;
    const of = bindings(fn);
    return fn.getDescendantsOfKind(SyntaxKind.ExpressionStatement).map((statement) => of.pathOf(statement.getExpression()) ?? '-');
  }

  it('reads through parentheses, `!`, `as`, `satisfies`, `await`, string and template keys, and escapes', () => {
    const handler = `(ctx) => {
      (ctx.response)!;
      (ctx as any).context.store;
      ((ctx satisfies object)['request'])[\`raw\`];
      (await ctx).realtime;
      ctx.res\\u0070onse;
      \\u0063tx.request;
      ctx['a-b'].c;
      ctx[key];
      ctx[0];
      ctx.response.toString();
      other.response;
    }`;
    expect(pathsIn(handler)).toEqual(['response', 'context.store', 'request.raw', 'realtime', 'response', 'request', 'a-b.c', '-', '-', '-', '-']);
  });

  it('binds body destructurings of any of those forms', () => {
    const handler = `({ context: c }) => {
      const { store } = (c as any);
      const { 'x': y } = c['deep']!;
      const r\\u0065q = await c.request;
      store.get;
      y.z;
      req.raw;
    }`;
    expect(pathsIn(handler).slice(-3)).toEqual(['context.store.get', 'context.deep.x.z', 'context.request.raw']);
  });

  it('outside handlers takes the root names at their word, without element access', () => {
    expect(pathsIn('() => { response.x; (realtime!).y; request["raw"]; cont\\u0065xt.store; other.z; }', () => new NameBindings())).toEqual(['response.x', 'realtime.y', '-', 'context.store', '-']);
  });
});
