// What the rules may report on. A finding anywhere else is a false positive.
//
// A file "has Igniter code" when it
//  - imports (or requires) a module of `@igniter-js/`, or
//  - calls the Igniter instance (`igniter.query|mutation|controller|router(`, with `igniter` the
//    default instance name the rules' prefilters use) or a core factory
//    (`createIgniterQuery|Mutation|Controller|Router`).
// Every rule may report in such a file. Two rules look beyond it: no-leaked-event-source checks any
// `EventSource` (Igniter's realtime transport is SSE, and the client may open it by hand, as the example
// app's server-status badge does), so its findings are in scope in a file that opens an EventSource; and
// no-unregistered-channel checks `api.<controller>.<action>.useRealtime(...)` on a typed client the app
// imports from its own module (it reports only when the project index follows `api` to
// `createIgniterClient(...)` from `@igniter-js/core/client`), so its findings are in scope in a file
// that calls `.useRealtime(`.
// Both tests are wider than the rules' own prefilters, so a rule that fires on a file it should have
// skipped shows up here.

const IGNITER_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"`]@igniter-js\//;
const IGNITER_CALL = /\bigniter\s*(?:\.\s*(?:query|mutation|controller|router)|\[\s*['"`](?:query|mutation|controller|router)['"`]\s*\])\s*[<(]|\bcreateIgniter(?:Query|Mutation|Controller|Router)\b/;
const OPENS_EVENT_SOURCE = /\bnew\s+(?:[\w$]+\s*\.\s*)?[\w$]*EventSource[\w$]*\s*[<(]/;
const CALLS_USE_REALTIME = /\.\s*useRealtime\s*[<(]/;

export function containsIgniterCode(text) {
  return IGNITER_IMPORT.test(text) || IGNITER_CALL.test(text);
}

/** Whether `ruleId` may report in a file with this text (see above). */
export function inScope(ruleId, text) {
  if (containsIgniterCode(text)) return true;
  if (ruleId === 'igniter-rt/no-leaked-event-source') return OPENS_EVENT_SOURCE.test(text);
  return ruleId === 'igniter-rt/no-unregistered-channel' && CALLS_USE_REALTIME.test(text);
}
