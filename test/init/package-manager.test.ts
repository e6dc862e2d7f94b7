/** Package manager detection, and the hook command each one gets. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDevCommand, detectPackageManager, execCommand } from '../../src/init/package-manager.js';
import { project, removeProjects } from './support.js';

afterAll(removeProjects);

describe('detectPackageManager', () => {
  it('the packageManager field first, then a lockfile, else npm', () => {
    const declared = project({ 'package.json': '{ "packageManager": "yarn@4.5.0+sha512.abc" }', 'pnpm-lock.yaml': '' }, { repository: false });
    expect(detectPackageManager(declared, undefined)).toEqual({ name: 'yarn', source: 'packageManager in package.json' });
    for (const [file, name] of [
      ['pnpm-lock.yaml', 'pnpm'],
      ['yarn.lock', 'yarn'],
      ['bun.lock', 'bun'],
      ['bun.lockb', 'bun'],
      ['package-lock.json', 'npm'],
    ]) {
      expect(detectPackageManager(project({ 'package.json': '{}', [file]: '' }, { repository: false }), undefined)).toEqual({ name, source: file });
    }
    expect(detectPackageManager(project({ 'package.json': '{ "packageManager": "deno@2" }' }, { repository: false }), undefined)).toEqual({ name: 'npm', source: 'default' });
  });

  it('a workspace package finds the lockfile at the repository root, and not above it', () => {
    const top = project({ 'pnpm-lock.yaml': '', 'packages/web/package.json': '{}' });
    expect(detectPackageManager(join(top, 'packages', 'web'), top)).toEqual({ name: 'pnpm', source: '../../pnpm-lock.yaml' });
    expect(detectPackageManager(join(top, 'packages', 'web'), join(top, 'packages'))).toEqual({ name: 'npm', source: 'default' });
    expect(detectPackageManager(join(top, 'packages', 'web'), undefined)).toEqual({ name: 'npm', source: 'default' });
  });
});

describe('commands', () => {
  it('run the installed binary and never install it', () => {
    expect(execCommand('npm', 'igniter-rt', ['check', '--staged'])).toBe('npx --no igniter-rt check --staged');
    expect(execCommand('pnpm', 'igniter-rt', ['check', '--staged'])).toBe('pnpm exec igniter-rt check --staged');
    expect(execCommand('yarn', 'igniter-rt', ['check', '--staged'])).toBe('yarn igniter-rt check --staged');
    expect(execCommand('bun', 'igniter-rt', ['check', '--staged'])).toBe('bunx --no-install igniter-rt check --staged');
    expect(addDevCommand('pnpm', ['igniter-rt'])).toBe('pnpm add -D igniter-rt');
  });
});
