/**
 * The README's generator table, rendered from the generators' definitions and option tables (a test
 * keeps the README equal to it; `npm run docs` rewrites it).
 */
import { flagOf, formatValue, usageOf } from '../generate/output.js';
import type { GeneratorDefinition, GeneratorOption } from '../generate/types.js';

export const GENERATORS_START = '<!-- generators-table:start (generated from the generators\' option tables by `npm run docs`) -->';
export const GENERATORS_END = '<!-- generators-table:end -->';

/** A table cell: pipes escaped (also inside code spans, as GitHub requires), no line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function optionEntry(option: GeneratorOption): string {
  const flag = flagOf(option.name);
  if (option.type === 'boolean') return `\`${flag}\``;
  const value = option.choices ? option.choices.join('|') : option.name;
  const fallback = option.default === undefined ? ' (required)' : option.default === '' ? '' : ` (default \`${formatValue(option.default)}\`)`;
  return `\`${flag} ${option.type === 'list' ? `${value},...` : option.choices ? value : `<${value}>`}\`${fallback}`;
}

export function renderGeneratorTable(generators: readonly GeneratorDefinition[]): string {
  const rows = generators.map((generator) => {
    const required = generator.options.filter((option) => option.default === undefined).map((option) => `${flagOf(option.name)} <${option.name}>`);
    const command = `\`generate ${[usageOf(generator), ...required].join(' ')}\``;
    const options = generator.options.filter((option) => option.default !== undefined).map(optionEntry).join('<br>');
    return `| ${cell(command)} | ${cell(generator.writes ?? generator.description)} | ${cell(options)} |`;
  });
  return [GENERATORS_START, '| Command | What it writes | Options |', '|---|---|---|', ...rows, GENERATORS_END].join('\n');
}

/** `readme` with its generator table replaced by a freshly rendered one. */
export function withGeneratorTable(readme: string, generators: readonly GeneratorDefinition[]): string {
  const start = readme.indexOf(GENERATORS_START);
  const end = readme.indexOf(GENERATORS_END);
  if (start === -1 || end === -1) throw new Error('README.md has no generator table markers');
  return readme.slice(0, start) + renderGeneratorTable(generators) + readme.slice(end + GENERATORS_END.length);
}
