/**
 * The map's gaps are require-revalidate's findings, not a second opinion: the rule runs on each file
 * that declares a mutation (as `check` runs it, with the same project facts), and each finding goes to
 * the mutation whose handler holds it.
 */
import { readFileSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import type { DataModel } from '../analysis/data-model.js';
import { debug } from '../analysis/debug.js';
import { interpolate, ruleById } from '../engine.js';
import { FileModel } from '../analysis/file-model.js';
import { parseSourceFile } from '../analysis/parse.js';
import { lazyProjectFacts } from '../analysis/project-context.js';
import type { IgniterSettings } from '../analysis/settings.js';
import type { GapFinding } from './realtime-map.js';

/** `options`: require-revalidate's, resolved as `check` would run it. */
export function findGaps(root: string, model: DataModel, settings: IgniterSettings, options: object): GapFinding[] {
  const requireRevalidate = ruleById('require-revalidate');
  const mutations = [...model.actions.values()].filter((action) => action.kind === 'mutation');
  const files = [...new Set(mutations.map((mutation) => mutation.location.fileName))].sort();
  const queryKeys = [...model.actions.values()].filter((action) => action.kind === 'query').map((action) => action.key);
  const gaps: GapFinding[] = [];
  for (const fileName of files) {
    const path = resolve(root, fileName);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      debug(`map: cannot read ${fileName}`, error);
      continue;
    }
    const file = new FileModel(parseSourceFile(text, path), path, settings);
    const project = lazyProjectFacts(file, root);
    let findings: ReturnType<typeof requireRevalidate.check>;
    try {
      findings = requireRevalidate.check({ file, options, settings, project });
    } catch (error) {
      // As `check` does: a rule that fails on a file reports nothing there.
      debug(`map: require-revalidate failed on ${fileName}`, error);
      continue;
    }
    for (const finding of findings) {
      const action = file.actions().find((candidate) => candidate.kind === 'mutation' && candidate.handler && candidate.handler.getStart() <= finding.range[0] && finding.range[1] <= candidate.handler.getEnd());
      const key = action ? file.actionKey(action, project) : undefined;
      const mutation = key ? model.actions.get(key) : undefined;
      if (!mutation) continue;
      const data = finding.data ?? {};
      gaps.push({
        mutation: mutation.key,
        queries: listed(String(data.queries ?? ''), queryKeys),
        resources: listed(String(data.resources ?? ''), mutation.writes.map((access) => access.resource)),
        message: interpolate(requireRevalidate.messages[finding.messageId] ?? finding.messageId, finding.data),
        at: `${relative(root, path).split(sep).join(posix.sep)}:${lineOf(text, finding.range[0])}`,
      });
    }
  }
  return gaps;
}

/** The names of `candidates` in a list the rule wrote as `'a', 'b'`, in its order. */
function listed(list: string, candidates: readonly string[]): string[] {
  const padded = `, ${list}, `;
  return [...new Set(candidates)]
    .filter((name) => padded.includes(`, '${name}', `))
    .sort((a, b) => padded.indexOf(`, '${a}', `) - padded.indexOf(`, '${b}', `));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
