/** Shared settings: `settings['igniter-rt']` in ESLint, or `settings` in `igniter-rt.config.json`. */
export interface IgniterSettings {
  /** Names of the Igniter instance (`igniter.query(...)`). */
  instanceNames: string[];
  /** Path of the router file, relative to the project root; autodetected when absent. */
  router?: string;
  /** Path of the tsconfig used to resolve import aliases; nearest `tsconfig.json` when absent. */
  tsconfig?: string;
  /** Extra globs of operations that read data (`fetch*`), on top of the documented table. */
  readOperations: string[];
  /** Extra globs of operations that write data (`rename*`), on top of the documented table. */
  writeOperations: string[];
}

export const DEFAULT_SETTINGS: IgniterSettings = { instanceNames: ['igniter'], readOperations: [], writeOperations: [] };

function globList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0) : [];
}

export function resolveSettings(raw: unknown): IgniterSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const names = Array.isArray(value.instanceNames)
    ? value.instanceNames.filter((name): name is string => typeof name === 'string' && name.length > 0)
    : [];
  return {
    instanceNames: names.length > 0 ? names : DEFAULT_SETTINGS.instanceNames,
    router: typeof value.router === 'string' ? value.router : undefined,
    tsconfig: typeof value.tsconfig === 'string' ? value.tsconfig : undefined,
    readOperations: globList(value.readOperations),
    writeOperations: globList(value.writeOperations),
  };
}
