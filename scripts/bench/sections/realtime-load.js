// Section `realtime-load`: one server process of a GENERATED app on a throw-away Redis, under SSE load
// from plain HTTP clients. The app is the runtime tests' (test/runtime/support/generated-app.ts): the
// Next.js starter layout with `igniter-rt generate` run on it (the session auth procedure, the note
// controller, the streams, the hooks and the SSE guard), its note repository on Redis, served through
// its guarded route handler module (src/app/api/v1/[[...all]]/route.ts). Every SSE connection is
// signed in (the guard authenticates it and checks its scopes).
//
// 1. Opens CONNECTIONS SSE connections as `IgniterProvider` opens them (half `scopes=user:alice`, half
//    `scopes=user:bob`); the server's memory after a full GC before and after, divided per connection.
// 2. MUTATIONS note creations by alice, one after the other; each waits until every alice connection
//    got its `revalidate` event. Latency per event and connection, from the mutation's response (and
//    from its request) to the event's arrival. Every `revalidate` event on a bob connection, or whose
//    scopes miss the connection's scope, counts as delivered outside its scope (target: 0).
// 3. Closes every connection, then opens and closes CLOSE_ROUNDS - 1 more rounds of the same size,
//    measuring the server's memory (after GC) after each, and once more after KEEPALIVE_WAIT_MS (0.3's
//    keep-alive timer of a closed stream stops at its next 30 s tick): what a disconnected client
//    leaves behind in 0.3.40's SSE processor. The round trip of a mutation with one live connection,
//    before any load and after all the closed ones, shows whether their handlers still run.
// Not a timed test: the figures depend on the machine; the verdict is scope (0 outside) and delivery.

import { join } from 'node:path';
import { loadavg } from 'node:os';
import { tsImport } from 'tsx/esm/api';
import { heading, table, verdict } from '../format.js';
import { median, percentile, round } from '../stats.js';

export const CONNECTIONS = 500;
export const MUTATIONS = 100;
const CLOSE_ROUNDS = 4;
const KEEPALIVE_WAIT_MS = 31_000;
const PROBE_MUTATIONS = 20;
const OPEN_BATCH = 50;
const EVENT_TIMEOUT_MS = 10_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => bytes / 2 ** 20;
const kb = (bytes) => round(bytes / 1024, 1);

async function loadHarness(repoRoot) {
  const support = join(repoRoot, 'test', 'runtime', 'support');
  const load = (file) => tsImport(join(support, file), import.meta.url);
  const [{ startRedis }, { startAppServer }, { openSse }, generated] = await Promise.all([load('redis.ts'), load('app-server.ts'), load('sse-client.ts'), load('generated-app.ts')]);
  return { startRedis, startAppServer, openSse, generated };
}

/** The session cookie of a user whose session the bench stored (what a sign-in does). */
const signedIn = (user) => ({ cookie: `session=tok-${user}` });

async function openConnections(openSse, server, count) {
  const connections = [];
  for (let start = 0; start < count; start += OPEN_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(OPEN_BATCH, count - start) }, (_, offset) => {
        const user = (start + offset) % 2 === 0 ? 'alice' : 'bob';
        return openSse(server.url, { scopes: [`user:${user}`], headers: signedIn(user) }).then((connection) => Object.assign(connection, { user }));
      }),
    );
    connections.push(...batch);
  }
  return connections;
}

const revalidations = (connection) => connection.events.filter((event) => event.type === 'revalidate');

async function createNote(server, user, text) {
  const sentAt = performance.now();
  const response = await fetch(`${server.url}/api/v1/note/`, {
    method: 'POST',
    headers: { ...signedIn(user), 'content-type': 'application/json' },
    body: JSON.stringify({ title: text }),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`creating a note answered ${response.status}`);
  return { sentAt, respondedAt: performance.now() };
}

async function waitFor(condition, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(2);
  }
  return true;
}

/** Median round trip of PROBE_MUTATIONS note creations while one alice connection is open. */
async function probeRoundTrip(openSse, server) {
  const probe = await openSse(server.url, { scopes: ['user:alice'], headers: signedIn('alice') });
  const times = [];
  for (let index = 0; index < PROBE_MUTATIONS; index += 1) {
    const { respondedAt, sentAt } = await createNote(server, 'alice', `probe ${index}`);
    if (!(await waitFor(() => revalidations(probe).length > index, EVENT_TIMEOUT_MS))) throw new Error('the probe connection missed a revalidation');
    times.push(respondedAt - sentAt);
  }
  probe.close();
  await probe.closed;
  return round(median(times), 2);
}

async function closeAll(connections) {
  for (const connection of connections) connection.close();
  await Promise.all(connections.map((connection) => connection.closed));
}

async function run({ repoRoot, log }) {
  const { startRedis, startAppServer, openSse, generated } = await loadHarness(repoRoot);
  const app = generated.generatedApp('nextjs');
  const redis = await startRedis();
  let server;
  let connections = [];
  try {
    const prepareStarted = performance.now();
    await app.prepare(redis.url);
    for (const user of Object.values(generated.USERS)) await redis.client.set(generated.sessionKey(user.id), JSON.stringify(user));
    log(`generated the app in ${app.appDir} (${Math.round(performance.now() - prepareStarted)} ms)`);
    server = await startAppServer({ appDir: app.appDir, routerModule: 'src/igniter.router.ts', entry: app.entry, env: { REDIS_URL: redis.url }, name: 'realtime-load server' });
    // Warm up the routes, the guard and the relay before the baseline.
    await createNote(server, 'carol', 'warm-up');
    await (await fetch(`${server.url}/api/v1/note/`, { headers: signedIn('carol') })).arrayBuffer();
    const roundTripBefore = await probeRoundTrip(openSse, server);
    await sleep(200);
    const baseline = await server.memory();
    log(`server memory before: rss ${mb(baseline.rss).toFixed(1)} MB, heap ${mb(baseline.heapUsed).toFixed(1)} MB (gc: ${baseline.gc}); mutation round trip ${roundTripBefore} ms`);

    const openStarted = performance.now();
    connections = await openConnections(openSse, server, CONNECTIONS);
    const openMs = performance.now() - openStarted;
    await sleep(200);
    const open = await server.memory();
    log(`${connections.length} SSE connections open in ${Math.round(openMs)} ms; rss ${mb(open.rss).toFixed(1)} MB, heap ${mb(open.heapUsed).toFixed(1)} MB`);

    const alice = connections.filter((connection) => connection.user === 'alice');
    const fromResponse = [];
    const fromRequest = [];
    let missing = 0;
    const loads = [loadavg()[0]];
    for (let index = 0; index < MUTATIONS; index += 1) {
      const { sentAt, respondedAt } = await createNote(server, 'alice', `load ${index}`);
      const delivered = await waitFor(() => alice.every((connection) => revalidations(connection).length > index), EVENT_TIMEOUT_MS);
      if (!delivered) missing += alice.filter((connection) => revalidations(connection).length <= index).length;
      for (const connection of alice) {
        const event = revalidations(connection)[index];
        if (!event) continue;
        fromResponse.push(event.at - respondedAt);
        fromRequest.push(event.at - sentAt);
      }
      if ((index + 1) % 25 === 0) log(`${index + 1}/${MUTATIONS} mutations`);
    }
    loads.push(loadavg()[0]);
    await sleep(300);
    let outOfScope = 0;
    for (const connection of connections) {
      for (const event of revalidations(connection)) {
        const { scopes } = JSON.parse(event.data);
        if (connection.user !== 'alice' || !Array.isArray(scopes) || !scopes.includes(`user:${connection.user}`)) outOfScope += 1;
      }
    }

    // Disconnect everyone, then more rounds of the same size opened and closed: what does the server keep?
    await closeAll(connections);
    connections = [];
    await sleep(500);
    const afterClose = [await server.memory()];
    log(`round 1 closed: rss ${mb(afterClose[0].rss).toFixed(1)} MB, heap ${mb(afterClose[0].heapUsed).toFixed(1)} MB`);
    for (let roundIndex = 2; roundIndex <= CLOSE_ROUNDS; roundIndex += 1) {
      await closeAll(await openConnections(openSse, server, CONNECTIONS));
      await sleep(500);
      afterClose.push(await server.memory());
      log(`round ${roundIndex} opened and closed: rss ${mb(afterClose.at(-1).rss).toFixed(1)} MB, heap ${mb(afterClose.at(-1).heapUsed).toFixed(1)} MB`);
    }
    const roundTripAfter = await probeRoundTrip(openSse, server);
    log(`mutation round trip with ${CLOSE_ROUNDS * CONNECTIONS} closed connections: ${roundTripAfter} ms; waiting ${KEEPALIVE_WAIT_MS / 1000} s for the keep-alive timers`);
    await sleep(KEEPALIVE_WAIT_MS);
    const afterKeepAlive = await server.memory();
    log(`after the keep-alive tick: rss ${mb(afterKeepAlive.rss).toFixed(1)} MB, heap ${mb(afterKeepAlive.heapUsed).toFixed(1)} MB`);

    const perConnection = (after, field) => (after[field] - baseline[field]) / CONNECTIONS;
    const closedRounds = CLOSE_ROUNDS * CONNECTIONS;
    // Later rounds against the first: what each further closed connection adds.
    const keptPerClosed = (field, last) => ((last[field] - afterClose[0][field]) / ((CLOSE_ROUNDS - 1) * CONNECTIONS));
    return {
      pass: outOfScope === 0 && missing === 0,
      connections: CONNECTIONS,
      mutations: MUTATIONS,
      closedRounds: CLOSE_ROUNDS,
      openMs: Math.round(openMs),
      eventsExpected: MUTATIONS * alice.length,
      eventsMissing: missing,
      outOfScope,
      latencyFromResponseMs: { p50: round(percentile(fromResponse, 50), 2), p99: round(percentile(fromResponse, 99), 2), max: round(Math.max(...fromResponse), 2) },
      latencyFromRequestMs: { p50: round(percentile(fromRequest, 50), 2), p99: round(percentile(fromRequest, 99), 2), max: round(Math.max(...fromRequest), 2) },
      roundTripMs: { before: roundTripBefore, afterClosed: roundTripAfter, closedConnections: closedRounds },
      memory: {
        baseline,
        open,
        afterClose,
        afterKeepAlive,
        perOpenConnectionKb: { rss: kb(perConnection(open, 'rss')), heapUsed: kb(perConnection(open, 'heapUsed')) },
        perClosedConnectionKb: { rss: kb(keptPerClosed('rss', afterClose.at(-1))), heapUsed: kb(keptPerClosed('heapUsed', afterClose.at(-1))) },
        perClosedConnectionAfterKeepAliveKb: { rss: kb(keptPerClosed('rss', afterKeepAlive)), heapUsed: kb(keptPerClosed('heapUsed', afterKeepAlive)) },
      },
      loadAverage: loads.map((value) => round(value, 2)),
    };
  } finally {
    for (const connection of connections) connection.close();
    await server?.stop();
    await redis.stop();
    app.remove();
  }
}

function format(result) {
  const latency = (row) => [`${row.p50} ms`, `${row.p99} ms`, `${row.max} ms`];
  const memory = result.memory;
  const memoryRow = (label, sample) => [label, `${mb(sample.rss).toFixed(1)} MB`, `${mb(sample.heapUsed).toFixed(1)} MB`];
  return [
    heading(`realtime-load: generated Next.js-layout app (guarded), ${result.connections} SSE connections (half alice, half bob), ${result.mutations} mutations by alice, one server process`),
    table([
      ['mutation → revalidate event at each alice connection', 'p50', 'p99', 'max'],
      ['  from the mutation response', ...latency(result.latencyFromResponseMs)],
      ['  from the mutation request', ...latency(result.latencyFromRequestMs)],
    ]),
    '',
    table([
      ['server memory (after full GC)', 'rss', 'heap used'],
      memoryRow('  before the connections', memory.baseline),
      memoryRow(`  ${result.connections} connections open`, memory.open),
      ...memory.afterClose.map((sample, index) => memoryRow(index === 0 ? '  all closed' : `  round ${index + 1} of ${result.connections} opened and closed`, sample)),
      memoryRow('  31 s later (keep-alive tick)', memory.afterKeepAlive),
      ['  per open connection', `${memory.perOpenConnectionKb.rss} KB`, `${memory.perOpenConnectionKb.heapUsed} KB`],
      ['  kept per closed connection (rounds 2+)', `${memory.perClosedConnectionKb.rss} KB`, `${memory.perClosedConnectionKb.heapUsed} KB`],
      ['  ... after the keep-alive tick', `${memory.perClosedConnectionAfterKeepAliveKb.rss} KB`, `${memory.perClosedConnectionAfterKeepAliveKb.heapUsed} KB`],
    ]),
    '',
    table([
      ['opening the connections', `${result.openMs} ms`],
      ['revalidate events expected / missing', `${result.eventsExpected} / ${result.eventsMissing}`],
      ['events delivered outside their scope', String(result.outOfScope)],
      ['mutation round trip, 1 live connection, before any load (median)', `${result.roundTripMs.before} ms`],
      [`  the same with ${result.roundTripMs.closedConnections} closed connections`, `${result.roundTripMs.afterClosed} ms`],
      ['1-min load average before / after the mutations', result.loadAverage.join(' / ')],
    ]),
    '',
    `verdict: ${verdict(result.pass)} (0 events outside their scope, every alice connection got every event)`,
  ].join('\n');
}

export default {
  name: 'realtime-load',
  title: `SSE load on a generated app (Next.js layout, SSE guard): ${CONNECTIONS} connections, ${MUTATIONS} scoped mutations`,
  needsApp: false,
  run,
  format,
};
