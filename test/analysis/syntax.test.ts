/** `getProperty` (src/analysis/syntax.ts) and the Igniter call kinds read on compiler nodes (src/analysis/actions.ts). */
import { describe, expect, it } from 'vitest';
import { tsMorph } from '../../src/analysis/morph.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { SyntaxFile } from '../../src/analysis/syntax-file.js';
import { findIgniterDeclarations } from '../../src/analysis/actions.js';
import { compilerCallee, compilerDescendantsOfKind, compilerLeadingJsDocText, fastTs, getProperty, unwrapCompilerNode } from '../../src/analysis/syntax.js';
import { morphText } from '../../src/analysis/wrapper-reads.js';

function objectLiteral(source: string) {
  const file = parseSourceFile(`const o = ${source};`, '/app/src/o.ts');
  const { SyntaxKind } = tsMorph();
  return file.getFirstDescendantByKindOrThrow(SyntaxKind.ObjectLiteralExpression);
}

describe('getProperty', () => {
  it('finds the last property of the name, by identifier, string, number or computed string key', () => {
    expect(getProperty(objectLiteral('{ a: 1, b: 2, a: 3 }'), 'a')?.getText()).toBe('a: 3');
    expect(getProperty(objectLiteral("{ 'a-b': 1 }"), 'a-b')?.getText()).toBe("'a-b': 1");
    expect(getProperty(objectLiteral('{ 1: 1 }'), '1')?.getText()).toBe('1: 1');
    expect(getProperty(objectLiteral("{ ['a']: 1, b }"), 'a')?.getText()).toBe("['a']: 1");
    expect(getProperty(objectLiteral('{ a() {}, get b() { return 1; } }'), 'b')?.getText()).toBe('get b() { return 1; }');
    expect(getProperty(objectLiteral('{ a }'), 'a')?.getText()).toBe('a');
  });

  it('reads a name written with escapes as ts-morph does (its value), and finds nothing for spreads, setters or other names', () => {
    expect(getProperty(objectLiteral('{ \\u0061: 1 }'), 'a')?.getText()).toBe('\\u0061: 1');
    expect(getProperty(objectLiteral('{ \\u0061: 1 }'), '\\u0061')).toBeUndefined();
    expect(getProperty(objectLiteral('{ ...a, set a(v) {} }'), 'a')).toBeUndefined();
    expect(getProperty(objectLiteral('{ b: 1 }'), 'a')).toBeUndefined();
  });
});

describe('findIgniterDeclarations', () => {
  function kinds(text: string): string[] {
    const file = parseSourceFile(text, '/app/src/x.ts');
    const calls = compilerDescendantsOfKind(file.compilerNode, tsMorph().ts.SyntaxKind.CallExpression);
    const found = findIgniterDeclarations(new SyntaxFile(file), ['igniter'], calls as never);
    return [...found.actions.map((action) => action.kind), ...found.controllers.map(() => 'controller'), ...found.routers.map(() => 'router')];
  }

  it('reads the instance methods through parentheses and `!`, by name (escapes read) or string key, and the imported core factories', () => {
    const text = [
      "import { createIgniterQuery as q } from '@igniter-js/core';",
      'const a = (igniter!).query({ handler: () => 1 });',
      "const b = igniter['mutation']({ handler: () => 1 });",
      'const c = q({ handler: () => 1 });',
      'const d = igniter.controller({ name: "d", actions: {} });',
      'const e = igniter.router({ controllers: {} });',
      'const f = ign\\u0069ter.qu\\u0065ry({ handler: () => 1 });',
      'const g = igniter.mutation(({ handler: () => 1 }) satisfies object);',
    ].join('\n');
    expect(kinds(text)).toEqual(['query', 'mutation', 'query', 'query', 'mutation', 'controller', 'router']);
  });

  it('reads nothing from other objects, other methods, unimported factories, or calls through `as`', () => {
    const text = [
      'const a = other.query({ handler: () => 1 });',
      'const b = igniter.procedure({ handler: () => 1 });',
      'const c = createIgniterQuery({ handler: () => 1 });',
      'const d = (igniter as any).query({ handler: () => 1 });',
      'const e = igniter.query({ options: 1 });',
      'const f = igniter.query(options, { handler: () => 1 });',
      'const g = igniter.controller();',
    ].join('\n');
    expect(kinds(text)).toEqual([]);
  });
});

describe('compilerCallee, and a plain callee read through parentheses and `!`', () => {
  function callees(source: string) {
    const ts = fastTs();
    const file = parseSourceFile(source, '/app/src/c.ts').compilerNode;
    return file.statements.map((statement) => {
      const call = ts.isExpressionStatement(statement) ? statement.expression : undefined;
      if (!call || !ts.isCallExpression(call)) return '-';
      const member = compilerCallee(call);
      if (member) return `${morphText(member.object)} . ${member.name}`;
      const callee = unwrapCompilerNode(call.expression);
      return ts.isIdentifier(callee) ? callee.text : '-';
    });
  }

  it('reads names through parentheses, `!`, `as`, `await`, string and template keys, and escapes (their values)', () => {
    const source = [
      '(a.b)();',
      '(a.b!)();',
      '(a.b as any)();',
      "a['b-c']();",
      'a[`d`]();',
      "a[('e')]();",
      'a.\\u0066();',
      '(await a.g)();',
      'a?.h();',
      'f();',
      '(f)!();',
      '\\u0067();',
      'a[k]();',
      'a[0]();',
      'a.b;',
      'new A.b();',
    ].join('\n');
    expect(callees(source)).toEqual(['a . b', 'a . b', 'a . b', "a . b-c", 'a . d', 'a . e', 'a . f', 'a . g', 'a . h', 'f', 'f', 'g', '-', '-', '-', '-']);
  });
});

describe('compilerLeadingJsDocText', () => {
  it('reads the JSDoc comments right before a node, not other comments', () => {
    const file = parseSourceFile(['/** file */', 'import x from "x";', '', '// line', '/** one */', '/* block */', '/**two*/ /** three */', 'export const a = {', '  /** key */ // after', '  b: 1,', '  c: 2, /** trailing of c */', '  d: 3,', '};'].join('\n'), '/app/src/j.ts');
    const { SyntaxKind } = tsMorph();
    const statement = file.getFirstDescendantByKindOrThrow(SyntaxKind.VariableStatement);
    const properties = file.getDescendantsOfKind(SyntaxKind.PropertyAssignment);
    expect(compilerLeadingJsDocText(statement.compilerNode)).toBe('/** one */\n/**two*/\n/** three */');
    expect(properties.map((property) => compilerLeadingJsDocText(property.compilerNode))).toEqual(['/** key */', '', '']);
    expect(compilerLeadingJsDocText(file.getFirstDescendantByKindOrThrow(SyntaxKind.ImportDeclaration).compilerNode)).toBe('/** file */');
  });
});
