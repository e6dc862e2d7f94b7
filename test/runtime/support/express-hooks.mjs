// Module hook of server-entry.ts in `express-entry` mode: the entry's `import express from 'express'`
// loads express-shim.ts (express is not installed in this repository).
const SHIM = new URL('./express-shim.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'express') return { url: SHIM, shortCircuit: true };
  return nextResolve(specifier, context);
}
