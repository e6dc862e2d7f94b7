/**
 * Programmatic API: analyse a file's text or a whole project with the igniter-rt rules, no ESLint needed.
 *
 *   import { analyzeText, analyzeProject } from 'igniter-rt';
 *   const messages = analyzeText(source, 'src/features/message/message.controller.ts');
 */
import { lintProject, lintText, type EngineOptions, type FileResult, type Message } from './engine.js';

export type { EngineOptions, FileResult, Message, ParseErrorMessage, RuleMessage, RuleSetting } from './engine.js';
export type { Finding, RuleDefinition, Severity, Suggestion, TextEdit } from './analysis/rule-api.js';
export type { IgniterSettings } from './analysis/settings.js';
export type { PresetName } from './rule-config.js';
export { allRules } from '../rules/index.js';

/** Findings for one file's text (`fileName` decides TS/TSX parsing and appears in messages). */
export function analyzeText(text: string, fileName: string, options?: EngineOptions): Message[] {
  return lintText(text, fileName, options);
}

/** Findings for every TypeScript file under `root`; files without findings are left out. */
export function analyzeProject(root: string, options?: EngineOptions): FileResult[] {
  return lintProject(root, options);
}
