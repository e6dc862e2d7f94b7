/** Cross-file facts a rule may ask for. The project index (built from disk) implements this. */
import type { StoreShape } from './app-facts.js';
import type { ActionFacts } from './file-facts.js';
import type { DataModel } from './data-model.js';
import type { OperationTables } from './resources.js';

export interface RevalidationSite {
  /** Relative to the project root. */
  fileName: string;
  line: number;
}

/** An Igniter instance (`Igniter....create()`) and what its handlers' `context` holds. */
export interface AppInstance {
  /** Where the instance is declared, relative to the project root. */
  fileName: string;
  line: number;
  /** The builder chain has `.store(...)`, so `igniter.store` is the app's store. */
  hasStore: boolean;
  /**
   * Whether the object the app's `.context(...)` gives handlers has a `store` property: `unknown` when
   * the argument cannot be read (no argument, an unresolved import, a spread, a value built elsewhere).
   */
  contextStore: StoreShape;
  /** Where that context object is written, when it was read. */
  context?: { fileName: string; line: number; name?: string };
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
  /** The Igniter instance a name of `fileName` stands for (declared there or imported), if it is one. */
  instanceOf(fileName: string, localName: string): AppInstance | undefined;
  /** Whether a name of `fileName` is a typed client made by `createIgniterClient(...)` (declared there or imported). */
  isClient(fileName: string, localName: string): boolean;
  /** What each action of the router reads, writes, revalidates and publishes (see data-model.ts); `tables` default to the settings'. */
  dataModel(tables?: OperationTables): DataModel;
}
