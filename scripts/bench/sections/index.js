// The benchmark sections, in the order `npm run bench` runs them. To add one, create a module
// here whose default export is { name, title, needsApp, run(context), format(result) } and list it.

import checkSpeed from './check-speed.js';
import cliStartup from './cli-startup.js';
import editorLoop from './editor-loop.js';
import eslintOverhead from './eslint-overhead.js';
import eslintRuleContext from './eslint-rule-context.js';
import memorySoak from './memory-soak.js';
import precision from './precision.js';
import realtimeLoad from './realtime-load.js';

export const SECTIONS = [eslintOverhead, eslintRuleContext, checkSpeed, editorLoop, memorySoak, cliStartup, realtimeLoad, precision];
