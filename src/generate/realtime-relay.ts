/**
 * The shared helpers that generated realtime code imports from `<src>/lib/igniter-rt/`, and the relay
 * every generator that revalidates installs: `realtime-relay.ts` (written once) plus the line
 * `relayRealtime(igniter)` in the instance file, so `igniter.realtime.revalidate(...)` reaches the SSE
 * connections of every server instance, not only the one that handled the mutation.
 */
import { posix } from 'node:path';
import { installRealtimeRelay, sameCode } from './ast-edits.js';
import type { GeneratorContext, Tree } from './types.js';

/** `<src>/lib/igniter-rt`, next to the router (`src/lib/igniter-rt`). */
export function libDir(context: GeneratorContext): string {
  return posix.join(posix.dirname(context.layout.routerFile), 'lib', 'igniter-rt');
}

/**
 * Writes `<libDir>/<name>` from `stream/lib/<name>.hbs` once: the same code again (also reformatted) is a
 * SKIP, and a copy edited by hand is kept unless `force`. Returns the project-relative path.
 */
export function writeLib(tree: Tree, context: GeneratorContext, name: string, force: boolean): string {
  const file = posix.join(libDir(context), name);
  const content = context.render(`stream/lib/${name}.hbs`, {});
  const existing = tree.read(file);
  if (existing !== undefined && sameCode(existing, content)) tree.write(file, existing);
  else if (existing === undefined || force) tree.write(file, content);
  return file;
}

/** The relay lib (once) and its installation in the instance file (idempotent). */
export function ensureRealtimeRelay(tree: Tree, context: GeneratorContext, force: boolean): void {
  const file = writeLib(tree, context, 'realtime-relay.ts', force);
  installRealtimeRelay(tree, context.layout, file);
  // Listed even when already installed: a re-run shows SKIP for the instance file.
  tree.write(context.layout.instanceFile, tree.read(context.layout.instanceFile) ?? '');
}
