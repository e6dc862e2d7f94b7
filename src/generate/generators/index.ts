/** Every generator, in the order `generate --list` shows them: the single source for the CLI, prompts and docs. */
import type { GeneratorDefinition } from '../types.js';
import { controllerGenerator } from './controller.js';
import { hookGenerator } from './hook.js';
import { mutationGenerator } from './mutation.js';
import { procedureGenerator } from './procedure.js';
import { sseGuardGenerator } from './sse-guard.js';
import { streamGenerator } from './stream.js';

export const GENERATORS: readonly GeneratorDefinition[] = [controllerGenerator, mutationGenerator, streamGenerator, hookGenerator, procedureGenerator, sseGuardGenerator];
