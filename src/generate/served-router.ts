/**
 * Where the app serves its router, and the edit that puts the realtime guard in front of it. The
 * official starters serve it in one of three ways, all of which go through `router.handler`:
 * - Next.js: `nextRouteHandlerAdapter(AppRouter)` in `src/app/api/v1/[[...all]]/route.ts`;
 * - Express: `expressAdapter(AppRouter.handler)`;
 * - Bun, Deno, TanStack Start: `AppRouter.handler(request)` in a fetch handler or a route.
 * The edit binds `const guardedRouter = withRealtimeGuard(AppRouter)` after the imports and serves that
 * instead, so the guard is built once per process, not per request.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { listSourceFiles } from '../analysis/source-files.js';
import { tsMorph } from '../analysis/morph.js';
import { ensureImports, parse } from './ast-edits.js';
import type { Tree } from './types.js';

export const GUARDED_ROUTER = 'guardedRouter';

/** `export const AppRouter = igniter.router(` → `AppRouter`. */
export function routerExportName(routerText: string): string | undefined {
  return /export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*[\w$.]+\.router\s*\(/.exec(routerText)?.[1] ?? /export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*createIgniterRouter\s*\(/.exec(routerText)?.[1];
}

/** Project files that serve `routerName` (by one of the three forms, or already guarded), sorted. */
export function findServingFiles(tree: Tree, routerFile: string, routerName: string): string[] {
  const uses = servePattern(routerName);
  return listSourceFiles(tree.root, { skipNestedProjects: true })
    .map((file) => relative(tree.root, file).split(sep).join('/'))
    .filter((file) => file !== routerFile && /\.(ts|tsx|mts)$/.test(file) && uses.test(readFileSync(`${tree.root}/${file}`, 'utf8')))
    .sort();
}

function servePattern(routerName: string): RegExp {
  const name = routerName.replace(/\$/g, '\\$');
  return new RegExp(`nextRouteHandlerAdapter\\s*\\(\\s*${name}\\s*\\)|\\b${name}\\s*\\.\\s*handler\\b|withRealtimeGuard\\s*\\(\\s*${name}\\s*\\)`);
}

/**
 * Serves the guarded router in `file`: each `nextRouteHandlerAdapter(AppRouter)` and `AppRouter.handler`
 * becomes `guardedRouter`'s. Returns 'unchanged' when the file already serves a guarded router.
 */
export function guardServedRouter(tree: Tree, file: string, routerName: string, guard: { name: string; from: string }): 'edited' | 'unchanged' | 'not-found' {
  const { Node, SyntaxKind } = tsMorph();
  const source = parse(tree, file);
  if (source.getFullText().includes(`${guard.name}(`)) return 'unchanged';
  const edits: [number, number][] = [];
  for (const identifier of source.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (identifier.getText() !== routerName) continue;
    const parent = identifier.getParent();
    const servedByAdapter =
      Node.isCallExpression(parent) && parent.getExpression().getText() === 'nextRouteHandlerAdapter' && parent.getArguments()[0] === identifier;
    const handlerOf = Node.isPropertyAccessExpression(parent) && parent.getExpression() === identifier && parent.getName() === 'handler';
    if (servedByAdapter || handlerOf) edits.push([identifier.getStart(), identifier.getEnd()]);
  }
  if (edits.length === 0) return 'not-found';
  let text = source.getFullText();
  for (const [start, end] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + GUARDED_ROUTER + text.slice(end);
  const imports = source.getImportDeclarations();
  const afterImports = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
  const binding = `\n\n// Refuses SSE connections without a session, or asking for scopes the session does not own (see ${guard.from}).\nconst ${GUARDED_ROUTER} = ${guard.name}(${routerName})\n`;
  text = text.slice(0, afterImports) + binding + text.slice(afterImports).replace(/^\n+/, '\n');
  tree.write(file, text);
  ensureImports(tree, file, [{ from: guard.from, names: [guard.name] }]);
  return 'edited';
}
