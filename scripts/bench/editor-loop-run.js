// Child process for the `editor-loop` section: one long-lived ESLint instance with the `all` preset,
// as an editor integration keeps it. After a warm-up lint of the whole app (index warm), it re-lints one
// controller with `lintText` after each of N small edits (an unsaved buffer: the text differs from
// disk) and prints one JSON line with the per-re-lint times.
//
//   node scripts/bench/editor-loop-run.js <appDir> <repoRoot> [--edits N]

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [appDir, repoRoot, ...rest] = process.argv.slice(2);
const edits = Number(rest[rest.indexOf('--edits') + 1]) || 40;
const require = createRequire(join(repoRoot, 'package.json'));
const { ESLint } = await import(pathToFileURL(require.resolve('eslint')).href);
const plugin = (await import(pathToFileURL(join(repoRoot, 'dist/src/eslint/plugin.js')).href)).default;

const eslint = new ESLint({ cwd: appDir, overrideConfigFile: true, overrideConfig: [plugin.configs.all], cache: false });
const featuresDir = join(appDir, 'src/features');
const feature = readdirSync(featuresDir).sort()[0];
const filePath = join(featuresDir, feature, 'controllers', `${feature}.controller.ts`);
const original = readFileSync(filePath, 'utf8');

const warmStart = performance.now();
await eslint.lintFiles(['src']);
const warmMs = performance.now() - warmStart;

const times = [];
let findings = 0;
for (let edit = 0; edit < edits; edit++) {
  // An edit the way a user types one: a new line of code in the file, different each time.
  const text = `${original}\nexport const editorLoopEdit${edit} = ${edit};\n`;
  const started = performance.now();
  const [result] = await eslint.lintText(text, { filePath });
  times.push(performance.now() - started);
  findings = result.messages.length;
}
console.log(JSON.stringify({ file: filePath.slice(appDir.length + 1), warmMs, times, findings, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
