/**
 * Shared by the rules' runtime tests (rules/<id>/<id>.runtime.test.ts): the runtime facts of
 * @igniter-js/core 0.3.40 behind a rule, reproduced on real routers (the files of
 * test/fixtures/core-0.3-runtime/), and the rule reporting the very code that fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type RuleMessage } from '../../src/engine.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'core-0.3-runtime');
export const BASE = 'http://localhost/api/v1';

export interface Router {
  handler(request: Request): Promise<Response>;
}

/** A fixture module, imported by path: the fixtures are not part of the type-checked test project. */
export async function load<T>(name: string): Promise<T> {
  return (await import(join(FIXTURES, name))) as T;
}

/** The findings of one rule on a fixture file, linted from disk with every rule of the `all` preset. */
export function findingsOf(name: string, ruleId: string): RuleMessage[] {
  const path = join(FIXTURES, name);
  return lintText(readFileSync(path, 'utf8'), path, { preset: 'all' }, FIXTURES).filter((message): message is RuleMessage => message.ruleId === `igniter-rt/${ruleId}`);
}
