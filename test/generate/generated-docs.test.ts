/**
 * What `npm run docs` generates from the code is current: the README's generator table (from the
 * generators' option tables) and src/cli/help-text.ts (from program.ts). Also: the option tables are the
 * one source of defaults that `--help` and `generate --list` show.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { GENERATORS_END, GENERATORS_START, renderGeneratorTable } from '../../src/docs/generator-table.js';
import { helpTextModule, renderTopHelp } from '../../src/docs/help-text.js';
import { GENERATORS } from '../../src/generate/generators/index.js';
import { listJson, listText } from '../../src/generate/output.js';
import { commandLine, readOptions } from '../../src/generate/options.js';
import { GenerateError } from '../../src/generate/types.js';

const root = join(import.meta.dirname, '..', '..');

describe('generated docs', () => {
  it('the README has the generator table rendered from the option tables (run `npm run docs` after changing a generator)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf(GENERATORS_START), readme.indexOf(GENERATORS_END) + GENERATORS_END.length);
    expect(table).toBe(renderGeneratorTable(GENERATORS));
    // Every default of every table is in it.
    for (const generator of GENERATORS) for (const option of generator.options) if (typeof option.default === 'string' && option.default !== '') expect(table).toContain(`\`${option.default}\``);
  });

  it('src/cli/help-text.ts is the help commander renders from program.ts (run `npm run docs` after changing program.ts)', () => {
    expect(readFileSync(join(root, 'src', 'cli', 'help-text.ts'), 'utf8')).toBe(helpTextModule(renderTopHelp(Command)));
  });

  it('help text with backticks and ${ survives the module literal', async () => {
    const text = 'a `b` ${c} \\d\n';
    const module = helpTextModule(text);
    const literal = /export const TOP_HELP = (`[^]*`);\n$/.exec(module)?.[1];
    expect(new Function(`return ${literal}`)()).toBe(text);
  });
});

describe('option tables', () => {
  it('`generate --list` shows each default of the table, and nothing else claims one', () => {
    const text = listText(GENERATORS);
    const json = listJson(GENERATORS) as { generators: { name: string; options: { name: string; default?: unknown }[] }[] };
    for (const generator of GENERATORS) {
      const listed = json.generators.find((entry) => entry.name === generator.name);
      for (const option of generator.options) {
        expect(listed?.options.find((entry) => entry.name === option.name)?.default).toEqual(option.default);
        if (typeof option.default === 'string' && option.default !== '') expect(text).toContain(`(default: ${option.default})`);
      }
    }
  });

  const table = [
    { name: 'scope', description: 's', type: 'string', choices: ['user', 'room'], default: 'user' },
    { name: 'actions', description: 'a', type: 'list', choices: ['list', 'create', 'delete'], default: ['list', 'create'] },
    { name: 'auth', description: 'p', type: 'string', format: 'identifier', default: 'authProcedure' },
    { name: 'limit', description: 'l', type: 'string', format: 'positive-integer', default: '10' },
    { name: 'controller', description: 'c', type: 'string', format: 'router-key' },
    { name: 'force', description: 'f', type: 'boolean', default: false },
  ] as const;

  it('readOptions takes defaults from the table and checks choices, lists and formats', () => {
    const read = readOptions(table, { actions: 'delete,list,list', limit: ' 20 ' });
    expect(read.choice('scope')).toBe('user');
    expect(read.list('actions')).toEqual(['list', 'delete']);
    expect(readOptions(table, {}).list('actions')).toEqual(['list', 'create']);
    expect(read.string('auth')).toBe('authProcedure');
    expect(read.integer('limit')).toBe(20);
    expect(read.boolean('force')).toBe(false);
    expect(readOptions(table, { force: true }).boolean('force')).toBe(true);
    for (const [values, read, message] of [
      [{ scope: 'world' }, (r: ReturnType<typeof readOptions<typeof table>>) => r.choice('scope'), '--scope must be one of user, room (got "world").'],
      [{ actions: 'list,archive' }, (r: ReturnType<typeof readOptions<typeof table>>) => r.list('actions'), '--actions: unknown "archive"; choose from list, create, delete.'],
      [{ actions: ',' }, (r: ReturnType<typeof readOptions<typeof table>>) => r.list('actions'), '--actions is empty; choose from list, create, delete.'],
      [{ auth: 'a-b' }, (r: ReturnType<typeof readOptions<typeof table>>) => r.string('auth'), '--auth "a-b" is not an identifier'],
      [{ limit: '0' }, (r: ReturnType<typeof readOptions<typeof table>>) => r.integer('limit'), '--limit must be a positive whole number, got "0".'],
      [{ controller: "it's" }, (r: ReturnType<typeof readOptions<typeof table>>) => r.string('controller'), 'cannot be used in generated code'],
      [{}, (r: ReturnType<typeof readOptions<typeof table>>) => r.string('controller', 'controller key'), 'Missing the controller key (--controller).'],
    ] as const) {
      let error: unknown;
      try {
        read(readOptions(table, values));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(GenerateError);
      expect((error as GenerateError).exitCode).toBe(2);
      expect((error as GenerateError).message).toContain(message);
    }
  });

  it('commandLine names only the options that differ from the table defaults, in table order, never --force', () => {
    const generator = { name: 'x', options: table };
    expect(commandLine(generator, ['note'], { scope: 'user', actions: ['create', 'list'], force: true })).toBe('igniter-rt generate x note --actions create,list');
    expect(commandLine(generator, ['note'], { auth: 'sessionAuth', scope: 'room', actions: 'list, create', limit: '10' })).toBe('igniter-rt generate x note --scope room --auth sessionAuth');
    expect(commandLine(generator, [''], {})).toBe('igniter-rt generate x');
  });
});
