/**
 * A file that does not parse: the engine (lintText, what `check` runs) reports exactly ESLint's fatal
 * "Parsing error" message (same text, line and 0-based column) and runs no rule, on hand-written
 * cases (line endings, UTF-16 columns, TSX, end of file), each linted by ESLint's Linter with the
 * plugin and by lintText. The same on fuzzed variants of the test corpus: parse-errors.fuzz.test.ts.
 *
 * Known differences: a file that no rule looks at and that holds no Igniter code (no router,
 * controller, query, mutation or revalidation) is not parsed, so its syntax error is not reported. And
 * typescript-estree also rejects some code that TypeScript's parser accepts (its own grammar checks
 * while converting the tree, e.g. two `default` clauses in a switch): lintText reports only
 * TypeScript's parse errors, so on such a file it runs the rules.
 */
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { ruleApplies } from '../../src/analysis/rule-api.js';
import { lintText, type Message } from '../../src/engine.js';
import plugin from '../../src/eslint/plugin.js';
import { REPO_ROOT } from '../robustness/corpus.js';

const APP = join(REPO_ROOT, 'examples', 'chat-app', 'src', 'features', 'room');
const linter = new Linter({ cwd: REPO_ROOT });

const eslintMessages = (text: string, filename: string) => linter.verify(text, [plugin.configs.all], { filename });
const engineMessages = (text: string, filename: string): Message[] => lintText(text, filename, { preset: 'all' }, REPO_ROOT);

/** A stream without authentication (a require-stream-auth finding): the prefilters let the file through, so the engine parses it. */
const QUERY = `import { igniter } from '@/igniter'\nexport const list = igniter.query({ path: '/', stream: true, handler: async ({ response }) => response.success([]) })\n`;

const CASES: { name: string; file: string; text: string; at: string }[] = [
  { name: 'an expression missing', file: 'a.controller.ts', text: `${QUERY}const x = ;\n`, at: '3:10' },
  { name: 'a brace never closed (the end of the file, column 0)', file: 'a.controller.ts', text: `${QUERY}function f() {\n  return 1\n`, at: '5:0' },
  {
    name: 'a comma missing in a controller',
    file: 'a.controller.ts',
    text: `${QUERY}export const c = igniter.controller({\n  name: 'Room',\n  path: '/rooms'\n  actions: { list },\n})\n`,
    at: '6:2',
  },
  { name: 'an unterminated string', file: 'a.controller.ts', text: `${QUERY}const path = '/rooms\nconst y = 1\n`, at: '3:20' },
  { name: 'CRLF line endings', file: 'a.controller.ts', text: `${QUERY}const a = 1\nconst b = ;\n`.replace(/\n/g, '\r\n'), at: '4:10' },
  { name: 'a U+2028 line separator in a comment (TypeScript counts it as a line break)', file: 'a.controller.ts', text: `${QUERY}/* one\u2028two */ const b = ;\n`, at: '4:17' },
  { name: 'astral characters before the error (columns in UTF-16 units)', file: 'a.controller.ts', text: `${QUERY}const s = '🟢🟢'; const b = ;\n`, at: '3:28' },
  { name: 'a JSX closing tag that does not match, in a .tsx file', file: 'a.tsx', text: `${QUERY}export const A = () => <ul title="é">x</ol>\n`, at: '3:40' },
  { name: 'JSX in a .ts file (not TSX: a type assertion that never ends)', file: 'b.ts', text: `${QUERY}export const A = () => <div>x</div>\n`, at: '3:30' },
];

describe('a file that does not parse: lintText reports what ESLint reports', () => {
  for (const { name, file, text, at } of CASES) {
    it(name, () => {
      const filename = join(APP, file);
      const eslint = eslintMessages(text, filename);
      expect(eslint).toHaveLength(1);
      expect(eslint[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2 });
      const engine = engineMessages(text, filename);
      // The whole message, key for key, and nothing else: no rule ran.
      expect(engine).toEqual(eslint);
      expect(`${engine[0].line}:${engine[0].column}`).toBe(at);
      expect(engine[0].message).toMatch(/^Parsing error: \S/);
    });
  }

  it('the same code without the syntax error has findings: the rules are what the parse error stops', () => {
    const filename = join(APP, 'a.controller.ts');
    expect(engineMessages(QUERY, filename).map((message) => message.ruleId)).toEqual(['igniter-rt/require-stream-auth']);
    expect(engineMessages(`${QUERY}const x = ;\n`, filename).map((message) => message.ruleId)).toEqual([null]);
  });

  it('a router no rule looks at is parsed all the same (the cross-file facts come from it): its syntax error is reported', () => {
    const filename = join(APP, 'igniter.router.ts');
    const text = `import { igniter } from '@/igniter'\nimport { room } from './room'\n\nexport const AppRouter = igniter.router({\n  controllers: { room }\n  other: 1,\n})\n`;
    expect(allRules.some((rule) => ruleApplies(rule, text, ['igniter']))).toBe(false);
    const eslint = eslintMessages(text, filename);
    expect(eslint).toMatchObject([{ fatal: true, message: "Parsing error: ',' expected.", line: 6, column: 2 }]);
    expect(engineMessages(text, filename)).toEqual(eslint);
    expect(engineMessages(text.replace('{ room }\n', '{ room },\n'), filename)).toEqual([]);
  });

  it('a file no rule looks at and without Igniter code is not parsed, so its syntax error is not reported (ESLint parses every file)', () => {
    const filename = join(APP, 'math.ts');
    expect(eslintMessages('const x = ;\n', filename).map((message) => message.fatal)).toEqual([true]);
    expect(engineMessages('const x = ;\n', filename)).toEqual([]);
  });

  it("the known difference: typescript-estree's own grammar checks (two `default` clauses) are not reported", () => {
    const filename = join(APP, 'a.controller.ts');
    const text = `${QUERY}switch (1 as number) {\n  default:\n  default:\n}\n`;
    expect(eslintMessages(text, filename)).toMatchObject([{ fatal: true, message: "Parsing error: A 'default' clause cannot appear more than once in a 'switch' statement." }]);
    expect(engineMessages(text, filename).map((message) => message.ruleId)).toEqual(['igniter-rt/require-stream-auth']);
  });
});
