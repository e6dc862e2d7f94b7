/** The project index's cache file (src/analysis/index-cache.ts): facts read back as they were built. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyFacts, extractFacts, type FileFacts } from '../../src/analysis/file-facts.js';
import { FileModel } from '../../src/analysis/file-model.js';
import { readIndexCache, writeIndexCache } from '../../src/analysis/index-cache.js';
import { parseSourceFile } from '../../src/analysis/parse.js';
import { resolveSettings } from '../../src/analysis/settings.js';

const temp = mkdtempSync(join(tmpdir(), 'igniter-rt-index-cache-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Names from the source that are also Object.prototype's members or the facts' own field names. */
const CODE = `
import { igniter } from '@/igniter';
import { toString, actions as procedures } from './names';
import * as constructor from './more';
export { toString as valueOf } from './names';
export const hasOwnProperty = igniter.controller({
  name: 'odd', path: '/odd',
  actions: {
    toString: igniter.query({ path: '/', handler: async ({ context, response }) => response.success(await context.db.note.findMany()) }),
    constructor: igniter.mutation({ path: '/', method: 'POST', handler: async ({ context, response }) => {
      await context.db.note.create({ data: {} });
      return response.revalidate(['odd.toString']).noContent();
    } }),
  },
});
export function imports() { return constructor.db.note.findMany(); }
export const __proto__Procedure = igniter.procedure({ handler: async () => ({ functions: { toString: () => 1 } }) });
`;

function roundTrip(facts: FileFacts): FileFacts {
  const root = join(temp, `app-${Math.random().toString(36).slice(2)}`);
  const path = join(root, 'cache.json');
  writeIndexCache(path, root, 'key', new Map([[join(root, 'src/odd.ts'), { mtimeMs: 1, size: 2, hash: 'h', facts }], [join(root, 'src/plain.ts'), { mtimeMs: 3, size: 4 }]]));
  const entries = readIndexCache(path, root, 'key')!;
  expect(entries.get(join(root, 'src/plain.ts'))).toEqual({ mtimeMs: 3, size: 4 });
  return entries.get(join(root, 'src/odd.ts'))!.facts!;
}

/** An own entry of a dictionary, whatever its name (`hasOwnProperty`, `constructor`, ...). */
function own(dictionary: unknown, name: string): unknown {
  return Object.getOwnPropertyDescriptor(dictionary, name)?.value;
}

/** Every object, with whether it has a prototype, by path. */
function prototypes(value: unknown, path = 'facts', found: Record<string, boolean> = {}): Record<string, boolean> {
  if (!value || typeof value !== 'object') return found;
  if (!Array.isArray(value)) found[path] = Object.getPrototypeOf(value) !== null;
  for (const [key, child] of Object.entries(value)) prototypes(child, `${path}.${key}`, found);
  return found;
}

describe('index cache', () => {
  it('reads facts back with the same data and the same prototypes as they were built: dictionaries without one, records plain', () => {
    const file = join(temp, 'src/odd.ts');
    const facts = extractFacts(new FileModel(parseSourceFile(CODE, file), file, resolveSettings({})));
    const read = roundTrip(facts);
    expect(JSON.stringify(read)).toBe(JSON.stringify(facts));
    expect(prototypes(read)).toEqual(prototypes(facts));
    expect(Object.keys(read.imports).sort()).toEqual(['constructor', 'igniter', 'procedures', 'toString']);
    expect(own(own(own(read.controllers, 'hasOwnProperty'), 'actions'), 'constructor')).toEqual(own(own(own(facts.controllers, 'hasOwnProperty'), 'actions'), 'constructor'));
    expect(own(own(own(read.controllers, 'hasOwnProperty'), 'actions'), 'constructor')).toMatchObject({ kind: 'mutation' });
    expect('valueOf' in read.exports).toBe(false);
    expect(own(read.reexports, 'valueOf')).toEqual({ specifier: './names', imported: 'toString' });
  });

  it('keeps names that are not in the source out of every dictionary', () => {
    const read = roundTrip(emptyFacts());
    for (const dictionaryOf of [read.imports, read.exports, read.controllers, read.flow.functions, read.flow.procedures, read.instances, read.shapes]) {
      expect('toString' in dictionaryOf).toBe(false);
      expect(Object.getPrototypeOf(dictionaryOf)).toBe(null);
    }
  });
});
