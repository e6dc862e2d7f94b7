/** Every generator, in the order `generate --list` shows them: the single source for the CLI, prompts and docs. */
import type { GeneratorDefinition } from '../types.js';

export const GENERATORS: readonly GeneratorDefinition[] = [];
