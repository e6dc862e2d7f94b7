/**
 * Inputs that crashed a rule, minimised from fuzz failures (fuzz.test.ts) or found next to them. Each
 * runs through `check`'s engine and through ESLint's Linter (IGNITER_RT_THROW=1: a rule error throws).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';
import { lintTextIgnoringParseErrors } from '../../src/engine.js';
import { emptyFacts } from '../../src/analysis/file-facts.js';
import { readIndexCache, writeIndexCache } from '../../src/analysis/index-cache.js';
import { REPO_ROOT } from './corpus.js';

const APP = join(REPO_ROOT, 'examples', 'chat-app');
const ROUTER = join(APP, 'src', 'igniter.router.ts');
const CONTROLLER = join(APP, 'src', 'features', 'post', 'post.controller.ts');

const linter = new Linter({ cwd: REPO_ROOT });

/** Findings of both front ends as `line:column ruleId`; ESLint's parse error (if any) as `fatal`; the engine's rules run on broken trees too. */
function lintBoth(text: string, filename: string): { engine: string[]; eslint: string[] } {
  const engine = lintTextIgnoringParseErrors(text, filename, { preset: 'all' }).map((message) => `${message.line}:${message.column} ${message.ruleId}`);
  const eslint = linter
    .verify(text, [plugin.configs.all], { filename })
    .map((message) => (message.fatal ? 'fatal' : `${message.line}:${message.column} ${message.ruleId}`));
  return { engine, eslint };
}

/** Members of Object.prototype: source names that a lookup in a plain object finds anyway. */
const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** A router file that also declares a controller and revalidates, so the rules ask the index about this very file. */
const routerFile = (registration: string) => `import { igniter } from '@/igniter'

const post = igniter.controller({
  name: 'post',
  path: '/posts',
  actions: {
    list: igniter.query({ path: '/', handler: async ({ response }) => response.success([]) }),
    create: igniter.mutation({ path: '/', method: 'POST', handler: async ({ response }) => response.revalidate(['post.list']).success() }),
  },
})

export const AppRouter = igniter.router({ controllers: { ${registration} } })
`;

describe('regressions: rules never throw', () => {
  it('an import whose module specifier is not a string (a deleted specifier) is skipped, not a crash', () => {
    // Fuzz case: `delete-token "'@/lib/ephemeral-set'"`; TypeScript then reads the next line's identifier as the specifier.
    const text = `import { createIgniterQuery } from\nigniter.query({ path: '/', handler: async ({ realtime }) => realtime })\n`;
    const { engine, eslint } = lintBoth(text, CONTROLLER);
    expect(eslint).toEqual(['fatal']);
    expect(engine).toEqual(['2:1 igniter-rt/require-stream']);
  });

  it('an export declaration whose module specifier is not a string is skipped, not a crash', () => {
    const text = `export { messageController } from\nigniter.query({ path: '/', handler: async ({ realtime }) => realtime })\n`;
    expect(lintBoth(text, CONTROLLER).engine).toEqual(['2:1 igniter-rt/require-stream']);
  });

  for (const name of PROTOTYPE_NAMES) {
    it(`a router registering \`${name}\` (an Object.prototype member) resolves like any unknown name`, () => {
      const unknown = lintBoth(routerFile('message: someUnknownController'), ROUTER);
      expect(lintBoth(routerFile(`message: ${name}`), ROUTER)).toEqual(unknown);
      expect(lintBoth(routerFile(`...${name}`), ROUTER)).toEqual(unknown);
      expect(lintBoth(routerFile(`message: ${name}.list`), ROUTER)).toEqual(unknown);
    });
  }

  it('a controller registered under its own name still resolves when prototype names sit next to it', () => {
    const { engine, eslint } = lintBoth(routerFile('post, toString, constructor'), ROUTER);
    // `post.list` is known (no no-unknown-revalidate-key) and revalidated, so it must stream.
    expect(engine).toEqual(['7:5 igniter-rt/require-stream']);
    expect(eslint).toEqual(engine);
  });

  it('`import { constructor } from "@igniter-js/core"` names no core factory', () => {
    const text = `import { constructor, toString as query } from '@igniter-js/core'\nexport const a = constructor({ path: '/', handler: async ({ realtime }) => realtime })\nexport const b = query({ path: '/', handler: async ({ realtime }) => realtime })\n`;
    expect(lintBoth(text, CONTROLLER)).toEqual({ engine: [], eslint: [] });
  });
});

describe('regressions: the index cache', () => {
  const directory = mkdtempSync(join(tmpdir(), 'igniter-rt-cache-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads facts keyed by prototype names back as plain keys, with no inherited members', () => {
    const facts = emptyFacts();
    facts.controllers.__proto__ = { actions: {}, actionRefs: {} };
    Object.assign(facts.exports, { constructor: 'constructor' });
    const path = join(directory, 'project-index.json');
    writeIndexCache(path, directory, 'key', new Map([[join(directory, 'a.ts'), { mtimeMs: 1, size: 1, facts }]]));
    const read = readIndexCache(path, directory, 'key')?.get(join(directory, 'a.ts'))?.facts;
    expect(read && Object.keys(read.controllers)).toEqual(['__proto__']);
    expect(read?.controllers.toString).toBeUndefined();
    expect(read?.imports.hasOwnProperty).toBeUndefined();
    expect(read?.exports.constructor).toBe('constructor');
  });

  it('a cache file that is not JSON is a cold start', () => {
    const path = join(directory, 'broken.json');
    writeFileSync(path, '{ "key": ');
    expect(readIndexCache(path, directory, 'key')).toBeUndefined();
  });
});
