/** `analyzeCleanup` (src/analysis/cleanup.ts): resources a handler acquires, and where it releases them, on odd input. */
import { describe, expect, it } from 'vitest';
import { tsMorph, type FunctionNode, type TsMorph } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { analyzeCleanup } from '../../src/analysis/cleanup.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';


/** Each use as `kind call-text -> releases (on disconnect)`, and the callbacks' first lines. */
function cleanupOf(handler: string) {
  const file = parseSourceFile(`const handler = ${handler};`, '/app/src/h.ts');
  const fn = file.getFirstDescendantByKindOrThrow(tsMorph().SyntaxKind.ArrowFunction) as FunctionNode;
  const analysis = analyzeCleanup(fn.compilerNode);
  // Texts as ts-morph's getText gives them (what the analysis quotes in messages).
  const text = (node: TsMorph.ts.Node) => morphText(node);
  return {
    uses: analysis.uses.map((use) => `${use.resource.kind} ${text(use.resource.call)} -> [${use.releases.map(text).join('; ')}]${use.releasedOnDisconnect ? ' on disconnect' : ''}`),
    callbacks: analysis.callbacks.map((callback) => text(callback).split('\n')[0]),
  };
}

describe('analyzeCleanup', () => {
  it('reads acquisitions through parentheses, `!`, string keys, escaped names (their values, as ts-morph reads them) and global timers', () => {
    const { uses } = cleanupOf(`async ({ context }) => {
      (context.store!).subscribe(a, onA);
      context.store['subscribe'](b, onB);
      context.store.\\u0073ubscribe(c, onC);
      context.store.sadd(key, member);
      (setInterval)(tick, 1000);
      globalThis.setInterval(tick, 1000);
      set\\u0049nterval(tick, 1000);
      setInterval();
      context.store.subscribe((message) => 1, onD);
    }`);
    expect(uses).toEqual([
      'subscription (context.store!).subscribe(a, onA) -> []',
      "subscription context.store['subscribe'](b, onB) -> []",
      'subscription context.store.\\u0073ubscribe(c, onC) -> []',
      'presence context.store.sadd(key, member) -> []',
      'interval (setInterval)(tick, 1000) -> []',
      'interval globalThis.setInterval(tick, 1000) -> []',
      'interval set\\u0049nterval(tick, 1000) -> []',
    ]);
  });

  it('finds releases by key, by value, and in abort listeners, onabort assignments and stream cancels', () => {
    const { uses, callbacks } = cleanupOf(`async ({ request, context }) => {
      const { signal: s } = request.raw;
      const sig = (request.raw).signal;
      const sub = await context.store.subscribe(a, onA);
      context.store.subscribe(b, onB);
      context.store.sadd(k, m);
      const id = setInterval(tick, 1000);
      s.addEventListener('abort', () => sub.unsubscribe());
      (sig).onabort = () => { context.store['unsubscribe'](b, onB); };
      sig.onabort += () => context.store.srem(k, m);
      new (ReadableStream)({ start() {}, cancel() { stop(); } });
      function stop() { clearInterval(id); }
    }`);
    expect(uses).toEqual([
      'subscription context.store.subscribe(a, onA) -> [sub.unsubscribe()] on disconnect',
      "subscription context.store.subscribe(b, onB) -> [context.store['unsubscribe'](b, onB)] on disconnect",
      'presence context.store.sadd(k, m) -> [context.store.srem(k, m)]',
      'interval setInterval(tick, 1000) -> [clearInterval(id)] on disconnect',
    ]);
    expect(callbacks).toEqual(['() => sub.unsubscribe()', "() => { context.store['unsubscribe'](b, onB); }", 'cancel() { stop(); }', 'function stop() { clearInterval(id); }']);
  });

  it('reads `signal` names by their values (escapes resolved) or source text, and a cleanup given by reference', () => {
    const { uses, callbacks } = cleanupOf(`async ({ request, context }) => {
      const { \\u0073ignal: escaped } = request.raw;
      const { 'signal': quoted } = request.raw;
      const viaEscape = request.raw.\\u0073ignal;
      const un = context.store.subscribe(a, onA);
      const un2 = context.store.subscribe(b, onB);
      const un3 = context.store.subscribe(c, onC);
      escaped.addEventListener('abort', un);
      quoted.addEventListener('abort', un2);
      viaEscape.addEventListener('abort', un3);
      signal.addEventListener('abort', () => release());
      const release = () => context.store.unsubscribe(a, onA);
    }`);
    expect(uses).toEqual([
      'subscription context.store.subscribe(a, onA) -> [context.store.unsubscribe(a, onA)] on disconnect',
      'subscription context.store.subscribe(b, onB) -> []',
      'subscription context.store.subscribe(c, onC) -> []',
    ]);
    expect(callbacks).toEqual(['() => release()', '() => context.store.unsubscribe(a, onA)']);
  });

  it('reads a signal through `as`, `!` and parentheses, and not from other expressions that end in `signal`', () => {
    const { uses } = cleanupOf(`async ({ request, context }) => {
      const s1 = (request.raw.signal as AbortSignal);
      const s2 = request.raw.signal!;
      const s3 = request.raw?.signal;
      const s4 = getSignal;
      const s5 = request.raw['signal'];
      const un1 = context.store.subscribe(a, onA);
      const un2 = context.store.subscribe(b, onB);
      const un3 = context.store.subscribe(c, onC);
      const un4 = context.store.subscribe(d, onD);
      const un5 = context.store.subscribe(e, onE);
      s1.addEventListener('abort', un1);
      s2.addEventListener('abort', un2);
      s3.addEventListener('abort', un3);
      s4.addEventListener('abort', un4);
      s5.addEventListener('abort', un5);
    }`);
    expect(uses.map((use) => use.endsWith('on disconnect'))).toEqual([true, true, true, false, false]);
  });

  it('finds a signal declared in a handler that writes the word only through an escape', () => {
    const { uses } = cleanupOf(`async ({ request, context }) => {
      const { \\u0073ignal: s } = request.raw;
      const un = context.store.subscribe(a, onA);
      s.addEventListener('abort', un);
    }`);
    expect(uses).toEqual(['subscription context.store.subscribe(a, onA) -> [] on disconnect']);
  });

  it('reads names and texts as ts-morph reads them (an escaped name by its value)', () => {
    const file = parseSourceFile(`const handler = async ({ request, context: \\u0063tx }) => {
      const \\u0073ub = await \\u0063tx.store.subscribe(\\u0063hannel, onMessage);
      const timer = setInterval(tick, 1000);
      ctx.store.sadd(room, user);
      request.raw.signal.addEventListener('abort', () => {
        sub.unsubscribe();
      });
    };`, '/app/src/h.ts');
    const fn = file.getFirstDescendantByKindOrThrow(tsMorph().SyntaxKind.ArrowFunction) as FunctionNode;
    const sourceFile = file.compilerNode;
    const analysis = analyzeCleanup(fn.compilerNode);
    const text = (node: TsMorph.ts.Node | undefined) => node && morphText(node, sourceFile);
    expect(analysis.uses.map((use) => [use.resource.kind, use.resource.boundName, use.resource.ownerText, text(use.resource.keyArgument), use.releases.map(text), use.releasedOnDisconnect])).toEqual([
      ['subscription', 'sub', '\\u0063tx.store', 'channel', ['sub.unsubscribe()'], true],
      ['interval', 'timer', undefined, undefined, [], false],
      ['presence', undefined, 'ctx.store', 'room', [], false],
    ]);
  });
});
