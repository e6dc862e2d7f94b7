/** effectAnchor and coveredBefore (effect-coverage.ts) on odd input: wrappers around callbacks, branches, comments. */
import { describe, expect, it } from 'vitest';
import { tsMorph, type FunctionNode } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { coveredBefore, effectAnchor } from './effect-coverage.js';

/** The handler (first arrow function), its calls named `effect`, and its `return` statements. */
function handlerOf(body: string) {
  const { SyntaxKind } = tsMorph();
  const file = parseSourceFile(`const handler = async () => {\n${body}\n};`, '/app/src/h.ts');
  const handler = file.getFirstDescendantByKindOrThrow(SyntaxKind.ArrowFunction) as FunctionNode;
  const effects = handler.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => call.getExpression().getText() === 'effect');
  const returns = handler.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((statement) => statement.getExpression()?.getText() === 'done');
  return { handler, effects, returns };
}

function anchors(body: string): (string | undefined)[] {
  const { handler, effects } = handlerOf(body);
  return effects.map((effect) => effectAnchor(effect.compilerNode, handler.compilerNode)?.getText());
}

function covered(body: string): boolean[] {
  const { handler, effects, returns } = handlerOf(body);
  const found = effects.map((effect) => effectAnchor(effect.compilerNode, handler.compilerNode)).filter((anchor) => !!anchor);
  return returns.map((site) => coveredBefore(site.compilerNode, found, handler.compilerNode));
}

describe('effectAnchor', () => {
  it('anchors at the call an inline callback is given to, through parentheses, as and await, else nowhere', () => {
    expect(
      anchors(`
        effect();
        items.forEach((item) => effect(item));
        await Promise.all(items.map(async (item) => { await effect(item); }));
        run(((() => effect())) as any);
        const later = () => effect();
        run(function named() { effect(); });
        run(other, (() => effect())!);
        ({ m() { effect(); } });
      `),
    ).toEqual([
      'effect()',
      'items.forEach((item) => effect(item))',
      'items.map(async (item) => { await effect(item); })',
      'run(((() => effect())) as any)',
      undefined,
      'run(function named() { effect(); })',
      undefined,
      undefined,
    ]);
  });
});

describe('coveredBefore', () => {
  it('counts statements before the return in enclosing blocks, not under conditions, an if only when both branches run one', () => {
    expect(covered(`effect(); /* c */ // d\n return done;`)).toEqual([true]);
    expect(covered(`return done; effect();`)).toEqual([false]);
    expect(covered(`if (x) { effect(); } return done;`)).toEqual([false]);
    expect(covered(`if (x) { effect(); } else effect(); return done;`)).toEqual([true]);
    expect(covered(`if (effect()) { } return done;`)).toEqual([true]);
    expect(covered(`x && effect(); return done;`)).toEqual([false]);
    expect(covered(`effect() && x; return done;`)).toEqual([true]);
    expect(covered(`const a = x ? effect() : 1; return done;`)).toEqual([false]);
    expect(covered(`const a = effect() ? 1 : 2; return done;`)).toEqual([true]);
    expect(covered(`try { effect(); } catch { effect(); } return done;`)).toEqual([true]);
    expect(covered(`try { x(); } catch { effect(); } return done;`)).toEqual([false]);
    expect(covered(`for (const a of b) { effect(); } return done;`)).toEqual([true]);
    expect(covered(`switch (x) { case 1: effect(); return done; default: return done; }`)).toEqual([true, false]);
    expect(covered(`switch (x) { case 1: effect(); } return done;`)).toEqual([false]);
    expect(covered(`{ effect(); } if (y) { return done; }`)).toEqual([true]);
    expect(covered(`const f = () => { effect(); }; return done;`)).toEqual([false]);
    expect(covered(`items.forEach((item) => effect(item)); return done;`)).toEqual([true]);
    expect(covered(`await (effect() as any); if (y) { x(); return done; }`)).toEqual([true]);
  });
});
