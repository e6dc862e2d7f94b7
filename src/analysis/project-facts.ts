/** Cross-file facts a rule may ask for. The project index (built from disk) implements this. */
export interface RevalidationSite {
  fileName: string;
  line: number;
}

export interface ProjectFacts {
  /** Whether a router was found; without one, rules that need action keys stay silent. */
  readonly hasRouter: boolean;
  /** Router key of the controller bound to `localName` in `fileName` (e.g. `message`). */
  routerKeyOf(fileName: string, localName: string): string | undefined;
  /** Every place outside `exceptFile` that revalidates `actionKey` (or its controller key alone). */
  revalidationSitesOf(actionKey: string, exceptFile?: string): RevalidationSite[];
  /** Every action key of the router, with its kind. */
  actionKinds(): ReadonlyMap<string, 'query' | 'mutation'>;
}
