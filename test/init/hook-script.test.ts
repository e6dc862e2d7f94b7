/** The marked hook block: new files, existing hooks kept, in-place replacement, what is refused, and how it runs in sh. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, hookBlock, shellQuote, withHookBlock } from '../../src/init/hook-script.js';

const COMMENT = '# Added by `igniter-rt init`: stops a commit whose staged TypeScript breaks the realtime checklist.';
const block = hookBlock('npx --no igniter-rt check --staged');
const BLOCK = [BLOCK_START, COMMENT, 'npx --no igniter-rt check --staged || exit $?', BLOCK_END].join('\n');

function edited(existing: string | undefined, header: string[] = ['#!/bin/sh']): string {
  const edit = withHookBlock(existing, block, header);
  if (edit.status !== 'added' && edit.status !== 'updated') throw new Error(`expected a change, got ${JSON.stringify(edit)}`);
  expect(withHookBlock(edit.text, block, header)).toEqual({ status: 'present' });
  return edit.text;
}

describe('withHookBlock', () => {
  it('a new hook: the header, then the block', () => {
    expect(edited(undefined)).toBe(`#!/bin/sh\n${BLOCK}\n`);
    expect(edited(undefined, [])).toBe(`${BLOCK}\n`); // husky 9: a plain script
  });

  it('an existing hook keeps every line; the block is appended after a blank line', () => {
    expect(edited('#!/bin/sh\nnpm test\n')).toBe(`#!/bin/sh\nnpm test\n\n${BLOCK}\n`);
    expect(edited('npx lint-staged')).toBe(`npx lint-staged\n\n${BLOCK}\n`);
    expect(edited('#!/usr/bin/env bash\r\nset -e\r\nmake lint\r\n')).toBe(`#!/usr/bin/env bash\r\nset -e\r\nmake lint\r\n\r\n${BLOCK.split('\n').join('\r\n')}\r\n`);
  });

  it('goes before a final exit or exec, which would make it dead code', () => {
    expect(edited('#!/bin/sh\nnpm test\nexit 0\n')).toBe(`#!/bin/sh\nnpm test\n\n${BLOCK}\n\nexit 0\n`);
    expect(edited('#!/bin/sh\nexec npx lint-staged\n# end\n')).toBe(`#!/bin/sh\n\n${BLOCK}\n\nexec npx lint-staged\n# end\n`);
  });

  it('re-running replaces the block in place and never duplicates it', () => {
    const first = edited('#!/bin/sh\nnpm test\n');
    const other = hookBlock('pnpm exec igniter-rt check --staged');
    const second = withHookBlock(`${first}echo after\n`, other, ['#!/bin/sh']);
    expect(second).toEqual({ status: 'updated', text: `#!/bin/sh\nnpm test\n\n${other.join('\n')}\necho after\n` });
  });

  it('refuses a hook in another language, or with a broken block, and gives the lines instead', () => {
    const node = withHookBlock('#!/usr/bin/env node\nconsole.log(1)\n', block, ['#!/bin/sh']);
    expect(node).toEqual({ status: 'manual', reason: 'it is a node script, not a shell script', steps: [{ say: 'Add these lines where the hook runs its checks:', code: block }] });
    expect(withHookBlock('#!/usr/bin/python3\n', block, [])).toMatchObject({ status: 'manual', reason: 'it is a python3 script, not a shell script' });
    expect(withHookBlock(`#!/bin/sh\n${BLOCK_START}\nnpm test\n`, block, [])).toMatchObject({ status: 'manual', reason: expect.stringContaining('not one complete block') });
    expect(withHookBlock(`${BLOCK}\n${BLOCK}\n`, block, [])).toMatchObject({ status: 'manual' });
  });

  it('a project below the repository root runs the check from its folder', () => {
    expect(hookBlock('npx --no igniter-rt check --staged', 'packages/web app')[2]).toBe(`(cd 'packages/web app' && npx --no igniter-rt check --staged) || exit $?`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('packages/app')).toBe('packages/app');
  });
});

describe('the block in sh', () => {
  const folder = mkdtempSync(join(tmpdir(), 'igniter-rt-hook-sh-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function run(script: string): { status: number | null; stdout: string } {
    const path = join(folder, `hook-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, script);
    chmodSync(path, 0o755);
    const result = spawnSync(path, [], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout };
  }

  it("a failing check stops the hook with the check's exit code, even before an `exit 0` and without `set -e`", () => {
    const failing = hookBlock(`sh -c 'echo checked; exit 3'`);
    const hook = withHookBlock('#!/bin/sh\necho first\nexit 0\n', failing, []);
    if (hook.status !== 'updated') throw new Error('expected an update');
    expect(run(hook.text)).toEqual({ status: 3, stdout: 'first\nchecked\n' });
    const passing = withHookBlock('#!/bin/sh\necho first\nexit 0\n', hookBlock('true'), []);
    if (passing.status !== 'updated') throw new Error('expected an update');
    expect(run(passing.text)).toEqual({ status: 0, stdout: 'first\n' });
  });
});
