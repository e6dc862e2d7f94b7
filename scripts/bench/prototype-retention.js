// Child-process runner: V8's handling of short-lived prototypes, without ESLint. Each of 2,000
// "files" builds a ~1 MB throw-away graph and a small context object that reaches it, either as a
// plain property (`plain`) or as the context's prototype, the way ESLint 9 and 10 build rule contexts
// (`prototype`: Object.freeze(Object.assign(Object.create(fileContext), { ... }))). Nothing is kept
// between files in either mode.
//
//   node scripts/bench/prototype-retention.js <plain|prototype>
//
// Output: {"mode","ms","gcMs"} on stdout. On Node 20 to 24 the `prototype` mode spends many times
// longer in garbage collection: a prototype object stays alive through young-generation collections
// until the next full one, so every graph is copied to the old generation first.

import { PerformanceObserver } from 'node:perf_hooks';

const MODES = ['plain', 'prototype'];
const FILES = 2000;
const NODES_PER_FILE = 20000;

const mode = process.argv[2];
if (!MODES.includes(mode)) {
  process.stderr.write(`usage: node scripts/bench/prototype-retention.js <${MODES.join('|')}>\n`);
  process.exit(2);
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

class FileContext {
  constructor(tree) {
    this.tree = tree;
    Object.freeze(this);
  }
}

const started = performance.now();
let checksum = 0;
for (let file = 0; file < FILES; file += 1) {
  const tree = [];
  for (let index = 0; index < NODES_PER_FILE; index += 1) tree.push({ index, parent: tree[index - 1], name: `node${index}` });
  const fileContext = new FileContext(tree);
  const ruleContext =
    mode === 'prototype'
      ? Object.freeze(Object.assign(Object.create(fileContext), { id: file }))
      : Object.freeze({ fileContext, id: file });
  checksum += ruleContext.id;
}
const ms = performance.now() - started;
// GC entries arrive asynchronously: let the last ones come in.
await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(`${JSON.stringify({ mode, ms: Math.round(ms), gcMs: Math.round(gcMs), checksum })}\n`);
