/**
 * `generate sse-guard`: makes the app's realtime private. Core 0.3's SSE endpoint runs no procedure
 * and trusts the scopes a client asks for, so without a guard anyone can receive any user's
 * revalidations. Writes:
 * - `<src>/lib/igniter-rt/realtime-guard.ts`: `withRealtimeGuard(router)`, which authenticates each SSE
 *   request through the app's own auth procedure and refuses (403) scopes the session does not own,
 *   and malformed parameters or unknown channels (400, where core answers 500);
 * - `<features>/realtime/controllers/realtime.controller.ts`: `realtime.scopes`, the query behind the
 *   auth procedure that the guard (and the tabs' `getScopes`) ask;
 * - `<features>/realtime/realtime.scopes.ts`: `ownedScopes(user)`, the app's policy (`user:<id>` and
 *   `tenant:<id>` by default; shared scopes such as rooms are the app's to add);
 * and registers the controller, and serves the guarded router where the app serves its router
 * (`--entry`, detected by default).
 */
import { ensureSseGuard, SSE_GUARD_OPTIONS, sseGuardFiles } from '../realtime-guard.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from '../types.js';
import { resolveGuard } from './controller.js';
import { readOptions } from '../options.js';

export const sseGuardGenerator: GeneratorDefinition = {
  name: 'sse-guard',
  description: "Private realtime: a guard for core 0.3's SSE endpoint that authenticates each connection with the app's auth procedure and refuses scopes the session does not own",
  arguments: [],
  options: SSE_GUARD_OPTIONS,
  example: 'igniter-rt generate sse-guard --auth authProcedure',
  writes:
    '`withRealtimeGuard(router)` in front of the SSE endpoint, wherever the app serves its router: each SSE connection is authenticated by the app\'s auth procedure and may ask only for the scopes the session owns (`src/features/realtime/realtime.scopes.ts`), else 401/403; malformed parameters get 400.',
  run(tree, options, context) {
    generateSseGuard(tree, options, context);
  },
};

function generateSseGuard(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
  const read = readOptions(SSE_GUARD_OPTIONS, options);
  const files = sseGuardFiles(context);
  const auth = resolveGuard(tree, context, read.string('auth', 'procedure'), { scope: 'user', key: 'realtime', stream: false, extraProcedures: [], importer: files.controller });
  if (!auth) throw new GenerateError('The SSE guard authenticates connections with a procedure: pass --auth <procedure> (e.g. authProcedure), not none.', 2);
  ensureSseGuard(tree, context, { auth: auth.name, entry: read.string('entry'), force: read.boolean('force') });
}
