/**
 * The realtime map of a project: the project index (the one `check` uses, built from the same root and
 * settings), its data model, require-revalidate's findings as gaps, and the screens.
 */
import { ProjectIndex } from '../analysis/project-index.js';
import type { IgniterSettings } from '../analysis/settings.js';
import { findGaps } from './gaps.js';
import { buildRealtimeMap, type RealtimeMap } from './realtime-map.js';
import { findScreens } from './screens.js';

/** The project has no router in view: there is nothing to map. */
export class NoRouterError extends Error {}

export function analyzeProject(root: string, settings: IgniterSettings, options: object): RealtimeMap {
  const index = ProjectIndex.for(root, settings);
  index.refresh();
  const project = index.view();
  if (!project.hasRouter) {
    const where = settings.router ? `the "router" setting names ${settings.router}, which declares no router` : `no file calls ${settings.instanceNames.map((name) => `${name}.router(...)`).join(' or ')}`;
    throw new NoRouterError(`no Igniter router found in ${root} (${where}): map draws the router's mutations and queries. Run it in the app's folder, or set "settings": { "router": "src/igniter.router.ts" } in igniter-rt.config.json.`);
  }
  const model = project.dataModel({ readOperations: settings.readOperations, writeOperations: settings.writeOperations });
  const kinds = new Map([...model.actions.values()].map((action) => [action.key, action.kind] as const));
  return buildRealtimeMap({ model, gaps: findGaps(root, model, settings, options), screens: findScreens(root, project, kinds) });
}
