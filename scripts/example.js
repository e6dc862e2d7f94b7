// `npm run example`: lints the bundled example app with the real ESLint binary and its flat config,
// and shows the findings (the deliberate realtime mistakes listed in examples/chat-app/README.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples', 'chat-app');
if (!existsSync(join(root, 'dist', 'src', 'eslint', 'plugin.js'))) {
  console.error('igniter-rt is not built yet: run `npm run build` (npm install runs it for you).');
  process.exit(2);
}

console.log('Linting examples/chat-app with igniter-rt/eslint-plugin (strict preset)...\n');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
const result = spawnSync(process.execPath, [eslint, '.'], { cwd: app, stdio: 'inherit' });
// ESLint exits 1 when it reports problems: that is the expected outcome here.
if (result.status === 1) {
  console.log('These are the mistakes described in examples/chat-app/README.md (ten deliberate, four found later).');
  process.exit(0);
}
if (result.status === 0) console.error('No findings: the example app is expected to contain deliberate mistakes.');
process.exit(result.status === 0 ? 1 : (result.status ?? 2));
