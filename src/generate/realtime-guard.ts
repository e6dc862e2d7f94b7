/**
 * The SSE guard every generator that writes scoped realtime installs (and `generate sse-guard` itself):
 * core 0.3's SSE endpoint runs no procedure and trusts the scopes a client asks for, so generated
 * realtime is private only once the app serves `withRealtimeGuard(AppRouter)`. Writes:
 * - `<src>/lib/igniter-rt/realtime-guard.ts`: `withRealtimeGuard(router)`, which authenticates each SSE
 *   request through the app's own auth procedure and refuses (403) scopes the session does not own,
 *   and malformed parameters or unknown channels (400, where core answers 500);
 * - `<features>/realtime/controllers/realtime.controller.ts`: `realtime.scopes`, the query behind the
 *   auth procedure that the guard (and the tabs' `getScopes`) ask;
 * - `<features>/realtime/realtime.scopes.ts`: `ownedScopes(user)`, the app's policy;
 * registers the controller, and serves the guarded router where the app serves its router.
 */
import { posix } from 'node:path';
import { findController, registerController, sameCode } from './ast-edits.js';
import { findProcedure } from './procedures.js';
import { findServingFiles, guardServedRouter, routerExportName } from './served-router.js';
import { commandLine, type OptionTable } from './options.js';
import { GenerateError, type GeneratorContext, type GeneratorOption, type Tree } from './types.js';

export const REALTIME_CONTROLLER_KEY = 'realtime';
export const GUARD_FUNCTION = 'withRealtimeGuard';

/** The names `no-unscoped-revalidate` (and the generators) take for an authenticating procedure. */
export const AUTHENTICATION = /auth|session|protect|guard/i;

export interface SseGuardFiles {
  guard: string;
  controller: string;
  scopes: string;
}

export function sseGuardFiles(context: GeneratorContext): SseGuardFiles {
  const { layout } = context;
  return {
    guard: posix.join(posix.dirname(layout.routerFile), 'lib', 'igniter-rt', 'realtime-guard.ts'),
    controller: posix.join(layout.featuresDir, REALTIME_CONTROLLER_KEY, 'controllers', `${REALTIME_CONTROLLER_KEY}.controller.ts`),
    scopes: posix.join(layout.featuresDir, REALTIME_CONTROLLER_KEY, `${REALTIME_CONTROLLER_KEY}.scopes.ts`),
  };
}

/** `--sse-entry` of the generators that install the guard themselves (controller, mutation, stream). */
export const SSE_ENTRY_OPTION = {
  name: 'sseEntry',
  description:
    'File that serves the router, where the SSE guard is wired when the generated realtime is private (user, tenant, room or document scopes behind an authenticating --auth); `auto` finds it; `none` writes the guard without wiring it',
  type: 'string',
  default: 'auto',
} as const satisfies GeneratorOption;

/** `generate sse-guard`'s options (here, because every generator that installs the guard writes its command). */
export const SSE_GUARD_OPTIONS = [
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


export interface SseGuardOptions {
  /** The authenticating procedure the guard runs for every SSE connection. */
  auth: string;
  /** `auto` (detect the files that serve the router), `none` (write, do not wire) or a file. */
  entry: string;
  force: boolean;
  /** The flag that sets `entry`, for messages (`--entry`, `--sse-entry`). */
  entryFlag?: string;
  /**
   * `generate sse-guard` conflicts with files edited by hand unless --force; the other generators keep
   * them as they are (the scopes policy is the app's to edit).
   */
  keepExisting?: boolean;
}

/**
 * Writes the guard files (the same code again is a SKIP), registers the `realtime` controller and serves
 * the guarded router in the serving entries. Idempotent. Returns the entries it wired.
 */
export function ensureSseGuard(tree: Tree, context: GeneratorContext, options: SseGuardOptions): { entries: string[] } {
  const { layout } = context;
  const files = sseGuardFiles(context);
  const entryFlag = options.entryFlag ?? '--entry';
  const routerText = tree.read(layout.routerFile) ?? '';
  const routerName = routerExportName(routerText);
  if (!routerName) throw new GenerateError(`${layout.routerFile} has no \`export const <name> = ${layout.instanceName}.router({ ... })\` to guard.`, 2);
  const entries = servingEntries(tree, options.entry, layout.routerFile, routerName, entryFlag);

  const command = commandLine({ name: 'sse-guard', options: SSE_GUARD_OPTIONS }, [], { auth: options.auth, entry: options.entry });
  const shared = { command, auth: options.auth, controllerKey: REALTIME_CONTROLLER_KEY, scopesKey: `${REALTIME_CONTROLLER_KEY}.scopes`, scopesFile: files.scopes };
  const write = (path: string, render: () => string) => writeGuardFile(tree, path, render, options);
  write(files.guard, () => context.render('sse-guard/realtime-guard.ts.hbs', { ...shared, basePath: '/api/v1', scopesPath: `/${REALTIME_CONTROLLER_KEY}/scopes` }));
  // Already registered (e.g. generated before the features folder moved): the app's `realtime` controller stays.
  if (options.keepExisting && realtimeRegistered(tree, context)) {
    // Listed as SKIP: a re-run shows the guard is in place.
    for (const file of [files.scopes, files.controller, layout.routerFile]) {
      const existing = tree.read(file);
      if (existing !== undefined) tree.write(file, existing);
    }
    wireEntries(tree, context, entries, routerName, files.guard, entryFlag);
    return { entries };
  }
  write(files.scopes, () => context.render('sse-guard/realtime.scopes.ts.hbs', shared));
  write(files.controller, () =>
    context.render('sse-guard/realtime.controller.ts.hbs', {
      ...shared,
      instanceName: layout.instanceName,
      instanceImport: context.importPath(files.controller, layout.instanceFile),
      authImport: context.importPath(files.controller, findProcedure(tree, layout, options.auth, '--auth').file),
      scopesImport: context.importPath(files.controller, files.scopes),
      clientName: layout.clientName,
    }),
  );
  const registration = registerController(tree, layout, { key: REALTIME_CONTROLLER_KEY, exportName: `${REALTIME_CONTROLLER_KEY}Controller`, file: files.controller }, { force: options.force });
  // Listed even when already registered: a re-run shows SKIP for the router.
  if (registration === 'unchanged') tree.write(layout.routerFile, tree.read(layout.routerFile) ?? '');
  wireEntries(tree, context, entries, routerName, files.guard, entryFlag);
  return { entries };
}

function realtimeRegistered(tree: Tree, context: GeneratorContext): boolean {
  try {
    findController(tree, context.layout, REALTIME_CONTROLLER_KEY);
    return true;
  } catch (error) {
    if (error instanceof GenerateError) return false;
    throw error;
  }
}

/** Serves the guarded router in each entry (an entry already guarded is a SKIP). */
function wireEntries(tree: Tree, context: GeneratorContext, entries: string[], routerName: string, guardFile: string, entryFlag: string): void {
  for (const entry of entries) {
    const result = guardServedRouter(tree, entry, routerName, { name: GUARD_FUNCTION, from: context.importPath(entry, guardFile) });
    if (result === 'not-found') {
      throw new GenerateError(
        `${entry} does not serve ${routerName} as nextRouteHandlerAdapter(${routerName}) or ${routerName}.handler; pass ${entryFlag} with the file that does, or ${entryFlag} none and wrap it by hand with ${GUARD_FUNCTION}(${routerName}).`,
        2,
      );
    }
    if (result === 'unchanged') tree.write(entry, tree.read(entry) ?? '');
  }
}

function writeGuardFile(tree: Tree, path: string, render: () => string, options: SseGuardOptions): void {
  const existing = tree.read(path);
  // Kept as the user left it; rendering is skipped too (it may need the auth procedure's file).
  if (existing !== undefined && options.keepExisting) return tree.write(path, existing);
  const content = render();
  if (existing !== undefined && sameCode(existing, content)) return tree.write(path, existing);
  if (existing !== undefined && !options.force) throw new GenerateError(`${path} already exists with other content; use --force to overwrite it.`);
  tree.write(path, content);
}

/** The files to edit: the given entry, or every file that serves the router; none found is an error naming the flag. */
function servingEntries(tree: Tree, entry: string, routerFile: string, routerName: string, entryFlag: string): string[] {
  if (entry === 'none') return [];
  if (entry !== 'auto') {
    const file = entry.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!tree.exists(file)) throw new GenerateError(`${entryFlag} ${file} does not exist.`, 2);
    return [file];
  }
  const found = findServingFiles(tree, routerFile, routerName);
  if (found.length === 0) {
    throw new GenerateError(
      `Cannot find where ${routerName} is served (nextRouteHandlerAdapter(${routerName}), expressAdapter(${routerName}.handler) or ${routerName}.handler(request)) to put the realtime guard in front of its SSE endpoint. ` +
        `Pass ${entryFlag} <file>, or ${entryFlag} none and wrap it by hand: ${GUARD_FUNCTION}(${routerName}).`,
      2,
    );
  }
  return found;
}

/**
 * What a generator of private realtime (controller, mutation, stream) does about the guard: nothing for
 * public scopes or a procedure that does not authenticate (a rate limit), else the guard, wired into
 * `--sse-entry` (`auto`: detected). Called once, at the end of the run.
 */
export function ensureGuardForPrivateRealtime(tree: Tree, context: GeneratorContext, auth: string | undefined, sseEntry: string, force: boolean): void {
  if (!guardsPrivateRealtime(auth)) return;
  ensureSseGuard(tree, context, { auth: auth!, entry: sseEntry, force, entryFlag: '--sse-entry', keepExisting: true });
}

/** Whether generated realtime behind `auth` with private scopes gets the guard. */
export function guardsPrivateRealtime(auth: string | undefined): boolean {
  return auth !== undefined && auth !== 'none' && AUTHENTICATION.test(auth);
}

