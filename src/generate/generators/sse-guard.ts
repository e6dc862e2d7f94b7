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
import { posix } from 'node:path';
import { registerController } from '../ast-edits.js';
import { findServingFiles, guardServedRouter, routerExportName } from '../served-router.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type Tree } from '../types.js';
import { resolveGuard, writeGenerated } from './controller.js';
import { commandLine, readOptions, type OptionTable } from '../options.js';

const CONTROLLER_KEY = 'realtime';
const GUARD_FUNCTION = 'withRealtimeGuard';

const SSE_GUARD_OPTIONS = [
  {
    name: 'auth',
    description: 'Procedure that authenticates requests and provides `context.user` (the guard runs it for every SSE connection)',
    type: 'string',
    format: 'identifier',
    default: 'authProcedure',
    prompt: 'Procedure that authenticates requests (provides context.user)',
  },
  {
    name: 'entry',
    description: 'File that serves the router (nextRouteHandlerAdapter(AppRouter), expressAdapter(AppRouter.handler) or AppRouter.handler(...)); `auto` finds it; `none` to wire the guard by hand',
    type: 'string',
    default: 'auto',
    prompt: 'File that serves the router (auto: find it)',
  },
  { name: 'force', description: 'Overwrite existing files and replace a conflicting router key', type: 'boolean', default: false },
] as const satisfies OptionTable;

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
  const { layout } = context;
  const read = readOptions(SSE_GUARD_OPTIONS, options);
  const force = read.boolean('force');
  const srcDir = posix.dirname(layout.routerFile);
  const files = {
    guard: posix.join(srcDir, 'lib', 'igniter-rt', 'realtime-guard.ts'),
    controller: posix.join(layout.featuresDir, CONTROLLER_KEY, 'controllers', `${CONTROLLER_KEY}.controller.ts`),
    scopes: posix.join(layout.featuresDir, CONTROLLER_KEY, `${CONTROLLER_KEY}.scopes.ts`),
  };
  const auth = resolveGuard(tree, context, read.string('auth', 'procedure'), { scope: 'user', key: CONTROLLER_KEY, stream: false, extraProcedures: [], importer: files.controller });
  if (!auth) throw new GenerateError('The SSE guard authenticates connections with a procedure: pass --auth <procedure> (e.g. authProcedure), not none.', 2);

  const routerText = tree.read(layout.routerFile) ?? '';
  const routerName = routerExportName(routerText);
  if (!routerName) throw new GenerateError(`${layout.routerFile} has no \`export const <name> = ${layout.instanceName}.router({ ... })\` to guard.`, 2);
  const entries = servingEntries(tree, read.string('entry'), layout.routerFile, routerName);

  const command = commandLine(sseGuardGenerator, [], options);
  const shared = { command, auth: auth.name, controllerKey: CONTROLLER_KEY, scopesKey: `${CONTROLLER_KEY}.scopes`, scopesFile: files.scopes };
  writeGenerated(tree, files.guard, context.render('sse-guard/realtime-guard.ts.hbs', { ...shared, basePath: '/api/v1', scopesPath: `/${CONTROLLER_KEY}/scopes` }), force);
  writeGenerated(tree, files.scopes, context.render('sse-guard/realtime.scopes.ts.hbs', shared), force);
  writeGenerated(
    tree,
    files.controller,
    context.render('sse-guard/realtime.controller.ts.hbs', {
      ...shared,
      instanceName: layout.instanceName,
      instanceImport: context.importPath(files.controller, layout.instanceFile),
      authImport: auth.importPath,
      scopesImport: context.importPath(files.controller, files.scopes),
      clientName: layout.clientName,
    }),
    force,
  );
  registerController(tree, layout, { key: CONTROLLER_KEY, exportName: `${CONTROLLER_KEY}Controller`, file: files.controller }, { force });
  for (const entry of entries) {
    const result = guardServedRouter(tree, entry, routerName, { name: GUARD_FUNCTION, from: context.importPath(entry, files.guard) });
    if (result === 'not-found') {
      throw new GenerateError(`${entry} does not serve ${routerName} as nextRouteHandlerAdapter(${routerName}) or ${routerName}.handler; pass --entry with the file that does, or --entry none and wrap it by hand with ${GUARD_FUNCTION}(${routerName}).`, 2);
    }
  }
}

/** The files to edit: `--entry`, or every file that serves the router; none found is an error naming the flag. */
function servingEntries(tree: Tree, entry: string, routerFile: string, routerName: string): string[] {
  if (entry === 'none') return [];
  if (entry !== 'auto') {
    const file = entry.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!tree.exists(file)) throw new GenerateError(`--entry ${file} does not exist.`, 2);
    return [file];
  }
  const found = findServingFiles(tree, routerFile, routerName);
  if (found.length === 0) {
    throw new GenerateError(
      `Cannot find where ${routerName} is served (nextRouteHandlerAdapter(${routerName}), expressAdapter(${routerName}.handler) or ${routerName}.handler(request)). ` +
        `Pass --entry <file>, or --entry none and wrap it by hand: ${GUARD_FUNCTION}(${routerName}).`,
      2,
    );
  }
  return found;
}
