// Preloaded with `node --import`: at exit, writes to $IGNITER_RT_PROBE whether ts-morph was loaded in the
// process (test/e2e/example-app.test.ts: a lint run reads TypeScript's own nodes and never needs it).
import Module from 'node:module';
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const loaded = Object.keys(Module._cache).some((path) => /[\\/]ts-morph[\\/]dist[\\/]ts-morph\.js$/.test(path));
  writeFileSync(process.env.IGNITER_RT_PROBE, JSON.stringify({ tsMorphLoaded: loaded }));
});
