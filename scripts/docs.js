// `npm run docs` (after `npm run build`): rewrites what is generated from the code: the README's rule
// table (rule metadata), its generator table (the generators' option tables), and src/cli/help-text.ts
// (the top-level help as commander renders it from program.ts). Tests fail when any is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../dist/rules/index.js';
import { withRuleTable } from '../dist/src/docs/rule-table.js';
import { withGeneratorTable } from '../dist/src/docs/generator-table.js';
import { helpTextModule, renderTopHelp } from '../dist/src/docs/help-text.js';
import { GENERATORS } from '../dist/src/generate/generators/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Command } = createRequire(import.meta.url)('commander');

/** Writes `file` when `render` changes it; says which. */
function update(file, what, render) {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = render(before);
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? `${what} is up to date.` : `${what} updated.`);
}

update('README.md', 'README rule and generator tables', (text) => withGeneratorTable(withRuleTable(text, allRules), GENERATORS));
update('src/cli/help-text.ts', 'src/cli/help-text.ts', () => helpTextModule(renderTopHelp(Command)));
