// What the rules may report on. A finding anywhere else is a false positive.
//
// A file "has Igniter code" when it
//  - imports (or requires) a module of `@igniter-js/`, or
//  - calls the Igniter instance (`igniter.query|mutation|controller|router(`, with `igniter` the
//    default instance name the rules' prefilters use) or a core factory
//    (`createIgniterQuery|Mutation|Controller|Router`).
// Every rule may report in such a file. One rule looks beyond it: no-leaked-event-source checks any
// `EventSource` (Igniter's realtime transport is SSE, and the client may open it by hand, as the example
// app's server-status badge does), so its findings are in scope in a file that opens an EventSource.
// Both tests are wider than the rules' own prefilters, so a rule that fires on a file it should have
// skipped shows up here.

const IGNITER_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"`]@igniter-js\//;
const IGNITER_CALL = /\bigniter\s*(?:\.\s*(?:query|mutation|controller|router)|\[\s*['"`](?:query|mutation|controller|router)['"`]\s*\])\s*[<(]|\bcreateIgniter(?:Query|Mutation|Controller|Router)\b/;
const OPENS_EVENT_SOURCE = /\bnew\s+(?:[\w$]+\s*\.\s*)?[\w$]*EventSource[\w$]*\s*[<(]/;

export function containsIgniterCode(text) {
  return IGNITER_IMPORT.test(text) || IGNITER_CALL.test(text);
}

/** Whether `ruleId` may report in a file with this text (see above). */
export function inScope(ruleId, text) {
  return containsIgniterCode(text) || (ruleId === 'igniter-rt/no-leaked-event-source' && OPENS_EVENT_SOURCE.test(text));
}
