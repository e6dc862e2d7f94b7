// Module hook of server-entry.ts in `fetch-entry` mode: the Bun starter's `import { serve } from "bun"`
// and the Deno starter's `import { serve } from "https://deno.land/std@<version>/http/server.ts"` load
// fetch-serve-shim.ts (neither runtime is installed; Node cannot import https: URLs).
const SHIM = new URL('./fetch-serve-shim.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'bun' || /^https:\/\/deno\.land\/std@[^/]+\/http\/server\.ts$/.test(specifier)) return { url: SHIM, shortCircuit: true };
  return nextResolve(specifier, context);
}
