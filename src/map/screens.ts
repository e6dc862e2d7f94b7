/**
 * The screens of the map: client files that call a typed client's hooks,
 * `api.<controller>.<action>.useQuery(...)` / `useRealtime(...)` for a query and `useMutation(...)` for a
 * mutation, where the project index confirms that `api` is a client made by `createIgniterClient`.
 * Bounded like the rest of the analysis: a text prefilter, then at most MAX_FILES parses or MAX_MS.
 */
import { readFileSync } from 'node:fs';
import { posix, relative, sep } from 'node:path';
import { debug } from '../analysis/debug.js';
import { tsMorph, type TsMorph } from '../analysis/morph.js';
import { scriptKindFor } from '../analysis/parse.js';
import type { ProjectFacts } from '../analysis/project-facts.js';
import { scanSourceFiles } from '../analysis/source-files.js';

const HOOKS: Record<string, 'query' | 'mutation'> = { useQuery: 'query', useRealtime: 'query', useInfiniteQuery: 'query', useMutation: 'mutation' };
const PREFILTER = /\.\s*use(?:Query|Realtime|InfiniteQuery|Mutation)\s*[<(]/;
const MAX_FILES = 5_000;
const MAX_MS = 3_000;

/** Client files per action key, sorted; `kinds` says which keys are queries and which mutations. */
export function findScreens(root: string, project: ProjectFacts, kinds: ReadonlyMap<string, 'query' | 'mutation'>): Map<string, string[]> {
  const started = performance.now();
  const screens = new Map<string, Set<string>>();
  let parsed = 0;
  for (const path of scanSourceFiles(root, { skipNestedProjects: true }).files) {
    if (parsed >= MAX_FILES || performance.now() - started > MAX_MS) {
      debug(`map: screens stopped after ${parsed} files`);
      break;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (!PREFILTER.test(text)) continue;
    parsed++;
    const fileName = relative(root, path).split(sep).join(posix.sep);
    for (const { client, key, kind } of hookCalls(text, path)) {
      if (kinds.get(key) !== kind) continue;
      let confirmed = false;
      try {
        confirmed = project.isClient(path, client);
      } catch (error) {
        debug(`map: isClient failed on ${fileName}`, error);
      }
      if (!confirmed) continue;
      if (!screens.has(key)) screens.set(key, new Set());
      screens.get(key)!.add(fileName);
    }
  }
  return new Map([...screens].map(([key, files]) => [key, [...files].sort()]));
}

/** `client.a.b.useQuery(...)` calls of a file: the client's name, the key `a.b`, and the hook's kind. */
export function hookCalls(text: string, fileName: string): { client: string; key: string; kind: 'query' | 'mutation' }[] {
  const { ts } = tsMorph();
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
  const calls: { client: string; key: string; kind: 'query' | 'mutation' }[] = [];
  const visit = (node: TsMorph.ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && HOOKS[node.expression.name.text]) {
      const segments: string[] = [];
      let target: TsMorph.ts.Expression = node.expression.expression;
      while (ts.isPropertyAccessExpression(target)) {
        segments.unshift(target.name.text);
        target = target.expression;
      }
      if (ts.isIdentifier(target) && segments.length >= 2) calls.push({ client: target.text, key: segments.join('.'), kind: HOOKS[node.expression.name.text] });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}
