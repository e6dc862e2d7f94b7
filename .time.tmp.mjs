import { ProjectIndex } from '/work/wt/deps/dist/src/analysis/project-index.js';
import { resolveSettings } from '/work/wt/deps/dist/src/analysis/settings.js';
const root = process.argv[2];
const index = ProjectIndex.for(root, resolveSettings({}));
let t = performance.now(); index.refresh(true); console.log('refresh', (performance.now()-t).toFixed(0), 'ms');
t = performance.now(); const m = index.view().dataModel(); console.log('model (first, cold facts)', (performance.now()-t).toFixed(0), 'ms', m.actions.size, 'actions');
const fake = { fileName: root + '/src/@saas-boilerplate/features/notification/controllers/notification.controller.ts' };
import { readFileSync } from 'node:fs';
import { FileModel } from '/work/wt/deps/dist/src/analysis/file-model.js';
import { parseSourceFile } from '/work/wt/deps/dist/src/analysis/parse.js';
import { extractFacts } from '/work/wt/deps/dist/src/analysis/file-facts.js';
const text = readFileSync(fake.fileName, 'utf8') + '\n// edit';
const times = [];
for (let i = 0; i < 10; i++) { t = performance.now(); const view = index.view({ fileName: fake.fileName, text: text + i, facts: () => extractFacts(new FileModel(parseSourceFile(text + i, fake.fileName), fake.fileName, resolveSettings({}))) }); view.dataModel(); times.push(performance.now() - t); }
times.sort((a,b)=>a-b); console.log('overlay view + model, median', times[5].toFixed(1), 'ms');
