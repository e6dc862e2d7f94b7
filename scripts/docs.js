// `npm run docs`: rewrites the README's rule table from rule metadata (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../dist/rules/index.js';
import { withRuleTable } from '../dist/src/docs/rule-table.js';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withRuleTable(before, allRules);
if (after !== before) writeFileSync(readmePath, after);
console.log(after === before ? 'README rule table is up to date.' : 'README rule table updated.');
