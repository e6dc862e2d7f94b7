/** Cross-file facts a rule may ask for. The project index (built from disk) implements this. */
import type { ActionFacts } from './file-facts.js';

export interface RevalidationSite {
  /** Relative to the project root. */
  fileName: string;
  line: number;
}

export interface ProjectFacts {
  /** Whether a router was found; without one, rules that need action keys stay silent. */
  readonly hasRouter: boolean;
  /** Whether every registration of the router was followed to a controller and all its actions. */
  readonly routerComplete: boolean;
  /** Router keys of the controller bound to `localName` in `fileName` (usually one, e.g. `message`). */
  routerKeysOf(fileName: string, localName: string): string[];
  /** Action keys of an action declared as the variable `localName` in `fileName` and used by a controller elsewhere. */
  actionKeysOf(fileName: string, localName: string): string[];
  /** Every place outside `exceptFile` that revalidates `actionKey`. */
  revalidationSitesOf(actionKey: string, exceptFile?: string): RevalidationSite[];
  /** Every action key of the router, with its kind and stream flag. */
  actionKinds(): ReadonlyMap<string, ActionFacts>;
}
