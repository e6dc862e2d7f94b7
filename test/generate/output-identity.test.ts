/**
 * Generated output, byte for byte: every generator, every stream kind with each scope it takes, and the
 * option values that change what is written, run the way the CLI runs them (answers resolved from the
 * flags and the option table, then the generator) on fresh copies of the fixture apps. Each written
 * file's SHA-256 is compared with test/generate/output-hashes.json, recorded from the generators before
 * their option tables became the one source of defaults: a refactor of options, prompts or templates
 * must not change one byte. After an intended change of output, re-record with
 * `IGNITER_RT_RECORD_HASHES=1 npx vitest run test/generate/output-identity.test.ts` and review the diff.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATORS } from '../../src/generate/generators/index.js';
import { resolveAnswers } from '../../src/generate/prompts.js';
import { runGenerator } from '../../src/generate/run.js';
import type { OptionValue } from '../../src/generate/types.js';
import { copyFixture, removeCopies } from './support.js';

const HASHES = join(import.meta.dirname, 'output-hashes.json');
const RECORD = process.env.IGNITER_RT_RECORD_HASHES === '1';

/** One command: the generator, its positional arguments, its flags (as strings, as typed). */
type Step = [generator: string, args: string[], flags?: Record<string, OptionValue>];

const STREAM_CASES: [kind: string, scopes: string[]][] = [
  ['typing', ['auto', 'room', 'tenant']],
  ['presence', ['auto', 'room', 'tenant']],
  ['notifications', ['auto', 'user']],
  ['feed', ['auto', 'room', 'tenant', 'user']],
  ['collab', ['auto']],
];

const rateLimit: Step = ['procedure', ['rate-limit', 'public-rate-limit']];
const note: Step = ['controller', ['note']];

/** Each case runs its steps in order on a fresh copy of the fixture app; every step's output is hashed. */
const CASES: Record<string, { fixture?: string; steps: Step[] }> = {
  'controller defaults': { steps: [note] },
  'controller scope room': { steps: [['controller', ['chat-room'], { scope: 'room' }]] },
  'controller scope tenant': { steps: [['controller', ['invoice'], { scope: 'tenant' }]] },
  'controller scope none': { steps: [rateLimit, ['controller', ['announcement'], { scope: 'none', auth: 'publicRateLimitProcedure' }]] },
  'controller data prisma': { steps: [['controller', ['user-profile'], { data: 'prisma' }]] },
  'controller list only': { steps: [['controller', ['todo'], { actions: 'list' }]] },
  'controller getById and mutations': { steps: [['controller', ['todo'], { actions: 'getById,create,update,delete' }]] },
  'controller getById only, prisma': { steps: [['controller', ['todo'], { actions: 'getById', data: 'prisma' }]] },
  'controller list, create, delete, room': { steps: [['controller', ['todo'], { actions: 'list,create,delete', scope: 'room' }]] },
  'controller nextjs layout': { fixture: 'layouts/nextjs', steps: [['controller', ['note'], { auth: 'authProcedure' }]] },
  'controller rerun': { steps: [note, note] },
  'mutation defaults': { steps: [note, ['mutation', ['archive'], { controller: 'note' }]] },
  'mutation methods': {
    steps: [
      note,
      ['mutation', ['rename'], { controller: 'note', method: 'PUT' }],
      ['mutation', ['pin'], { controller: 'note', method: 'PATCH', path: '/:id/pin' }],
      ['mutation', ['purge'], { controller: 'note', method: 'DELETE' }],
    ],
  },
  'mutation scopes': {
    steps: [
      ['controller', ['chat-room'], { scope: 'room' }],
      ['mutation', ['clear'], { controller: 'chatRoom', scope: 'room' }],
      ['mutation', ['mark-read'], { controller: 'chatRoom', scope: 'tenant' }],
      rateLimit,
      ['mutation', ['ping-all'], { controller: 'chatRoom', scope: 'none', auth: 'publicRateLimitProcedure' }],
      ['mutation', ['wave'], { controller: 'chatRoom', scope: 'room', auth: 'none' }],
    ],
  },
  ...Object.fromEntries(
    STREAM_CASES.flatMap(([kind, scopes]) =>
      scopes.map((scope) => [`stream ${kind} scope ${scope}`, { steps: [note, ['stream', [`live-${kind}`], { controller: 'note', kind, scope }] as Step] }]),
    ),
  ),
  'stream with auth flag': { steps: [note, ['procedure', ['auth', 'admin-auth']], ['stream', ['typing'], { controller: 'note', kind: 'typing', auth: 'adminAuthProcedure' }]] },
  'stream rerun, and all kinds then hooks': {
    steps: [
      note,
      ['stream', ['typing'], { controller: 'note', kind: 'typing' }],
      ['stream', ['typing'], { controller: 'note', kind: 'typing' }],
      ['stream', ['presence'], { controller: 'note', kind: 'presence' }],
      ['stream', ['inbox'], { controller: 'note', kind: 'notifications' }],
      ['hook', ['note']],
    ],
  },
  'stream --force over another kind': {
    steps: [note, ['stream', ['activity'], { controller: 'note', kind: 'typing' }], ['stream', ['activity'], { controller: 'note', kind: 'feed', force: true }]],
  },
  'hook defaults': { steps: [note, ['hook', ['note']]] },
  'hook mutations only': { steps: [['controller', ['todo'], { actions: 'getById,create' }], ['hook', ['todo']]] },
  'hook kebab key': { steps: [['controller', ['user-profile']], ['hook', ['user-profile']]] },
  'procedure auth': { steps: [['procedure', ['auth', 'session-auth']]] },
  'procedure auth cookie': { steps: [['procedure', ['auth', 'admin-auth'], { cookie: 'sid' }]] },
  'procedure rate-limit': { steps: [rateLimit] },
  'procedure rate-limit options': { steps: [['procedure', ['rate-limit', 'stream-rate-limit'], { limit: '20', window: '30', feature: 'chat' }]] },
  'procedure per feature (nextjs)': { fixture: 'layouts/nextjs', steps: [['procedure', ['auth', 'session-auth']]] },
  'sse-guard nextjs': { fixture: 'layouts/nextjs', steps: [['sse-guard', []]] },
  'sse-guard entry none': { steps: [['sse-guard', [], { entry: 'none' }]] },
  'sse-guard express': { fixture: 'layouts/express-rest', steps: [['sse-guard', []]] },
};

const recorded: Record<string, string[]> = RECORD || !existsSync(HASHES) ? {} : JSON.parse(readFileSync(HASHES, 'utf8'));
const results: Record<string, string[]> = {};

afterAll(() => {
  removeCopies();
  if (RECORD) writeFileSync(HASHES, `${JSON.stringify(results, null, 2)}\n`);
});

async function outputOf(fixture: string | undefined, steps: Step[]): Promise<string[]> {
  const root = copyFixture(fixture);
  const lines: string[] = [];
  for (const [name, args, flags = {}] of steps) {
    const generator = GENERATORS.find((candidate) => candidate.name === name);
    if (!generator) throw new Error(`no generator ${name}`);
    const { force, ...rest } = flags;
    const options = await resolveAnswers(generator, { args, flags: rest, yes: true, interactivity: { interactive: false } });
    const result = await runGenerator({ root, generator, options, force: force === true, prettier: false });
    for (const change of result.changes) lines.push(`${change.kind} ${change.path} ${createHash('sha256').update(change.after).digest('hex').slice(0, 16)}`);
  }
  return lines;
}

describe('generated output is byte-identical to the recorded hashes', () => {
  it('covers every generator', () => {
    const used = new Set(Object.values(CASES).flatMap((entry) => entry.steps.map((step) => step[0])));
    expect([...used].sort()).toEqual(GENERATORS.map((generator) => generator.name).sort());
  });

  for (const [name, { fixture, steps }] of Object.entries(CASES)) {
    it(name, async () => {
      const lines = await outputOf(fixture, steps);
      results[name] = lines;
      expect(lines.length).toBeGreaterThan(0);
      if (!RECORD) expect(lines).toEqual(recorded[name]);
    });
  }
});
