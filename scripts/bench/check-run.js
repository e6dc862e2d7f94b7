// Child wrapper for the `check-speed` section: runs `bin/igniter-rt.js <args>` in this very process (as
// `node bin/igniter-rt.js <args>` would) and, when the process exits, writes what only the process itself
// can see as the last line of stderr: {"cpuMs","maxRssMb","exitCode"} (user + system CPU time of all its
// threads, and peak memory). stdout stays the command's own output.
//
//   node scripts/bench/check-run.js <path/to/bin/igniter-rt.js> check ...

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bin, ...args] = process.argv.slice(2);
if (!bin) {
  process.stderr.write('usage: node scripts/bench/check-run.js <bin/igniter-rt.js> <args...>\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(bin), ...args];
process.on('exit', (exitCode) => {
  const cpu = process.cpuUsage();
  const usage = { cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10, exitCode };
  process.stderr.write(`\n${JSON.stringify(usage)}\n`);
});
await import(pathToFileURL(resolve(bin)).href);
