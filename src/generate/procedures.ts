/**
 * Procedures found by what they are, not by where they are: an exported `<instance>.procedure(...)`
 * (or `createIgniterProcedure(...)`) declared anywhere under the source root. The official starters
 * keep them per feature (`src/features/auth/procedures/auth.procedure.ts`), other apps in one folder
 * (`src/procedures`); `generate.proceduresDir` narrows the search to one folder when names collide.
 */
import { join, relative } from 'node:path';
import { CONFIG_FILE } from '../config-file.js';
import { listSourceFiles } from '../analysis/source-files.js';
import { tsMorph, type TsMorph } from '../analysis/morph.js';
import { GenerateError, type ProjectLayout, type Tree } from './types.js';

export interface ProcedureExport {
  /** The exported name (`authProcedure`). */
  name: string;
  /** Project-relative file that declares it. */
  file: string;
}

/** Every procedure exported under `layout.procedureSearchDir`, on disk or written by this run, by file then name. */
export function listProcedures(tree: Tree, layout: ProjectLayout): ProcedureExport[] {
  const dir = layout.procedureSearchDir;
  const files = new Set<string>();
  for (const file of listSourceFiles(join(tree.root, dir), { skipNestedProjects: true })) files.add(relative(tree.root, file).split('\\').join('/'));
  const prefix = dir === '.' ? '' : `${dir}/`;
  for (const change of tree.changes()) if (change.path.startsWith(prefix) && /\.(ts|tsx|mts|cts)$/.test(change.path) && !change.path.endsWith('.d.ts')) files.add(change.path);
  const found: ProcedureExport[] = [];
  for (const file of [...files].sort()) {
    const text = tree.read(file);
    // Cheap text test first: most files of an app declare no procedure.
    if (!text || !/\.procedure\s*[(<]|createIgniterProcedure/.test(text)) continue;
    for (const name of exportedProcedures(file, text, layout.instanceName)) found.push({ name, file });
  }
  return found;
}

/** Names a file exports whose value is `<instance>.procedure(...)` or `createIgniterProcedure(...)`. */
function exportedProcedures(file: string, text: string, instanceName: string): string[] {
  const { ts } = tsMorph();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const procedures = new Map<string, boolean>(); // local name → exported where declared
  const exported: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isExported = statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) === true;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && isProcedureCall(ts, declaration.initializer, instanceName)) {
        procedures.set(declaration.name.text, isExported);
        if (isExported) exported.push(declaration.name.text);
      }
    }
  }
  // `const authProcedure = igniter.procedure(...)` then `export { authProcedure }` (or `as`).
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const local = (element.propertyName ?? element.name).getText(source);
      if (procedures.get(local) === false) exported.push(element.name.getText(source));
    }
  }
  return exported;
}

function isProcedureCall(ts: typeof TsMorph.ts, node: TsMorph.ts.Expression, instanceName: string): boolean {
  let expression = node;
  while (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) expression = expression.expression;
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'createIgniterProcedure';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'procedure' && ts.isIdentifier(callee.expression) && callee.expression.text === instanceName;
}

/**
 * The file that exports the procedure `name` (given with `flag`, e.g. `--auth`). None: an error that
 * lists what was found and names the fixes; several files: an error naming them (exit 2 both).
 */
export function findProcedure(tree: Tree, layout: ProjectLayout, name: string, flag = '--auth'): ProcedureExport {
  const procedures = listProcedures(tree, layout);
  const matches = procedures.filter((procedure) => procedure.name === name);
  if (matches.length === 1) return matches[0];
  const where = layout.procedureSearchDir === '.' ? 'the project' : `${layout.procedureSearchDir}/`;
  if (matches.length > 1) {
    throw new GenerateError(
      `${flag} ${name} is ambiguous: ${matches.length} files under ${where} export a procedure named ${name} (${joinFiles(matches.map((match) => match.file))}). ` +
        `Rename all but one, or set "generate.proceduresDir" in ${CONFIG_FILE} to the folder of the one to use. Nothing was written.`,
      2,
    );
  }
  const others = procedures.length === 0 ? 'none' : procedures.map((procedure) => `${procedure.name} (${procedure.file})`).join(', ');
  throw new GenerateError(
    `Cannot find the procedure "${name}" (${flag}): no file under ${where} exports \`${name} = ${layout.instanceName}.procedure(...)\`. Procedures found: ${others}. ` +
      `Pass ${flag} with one of them, create it with \`igniter-rt generate procedure auth|rate-limit <name>\`, ` +
      `or set "generate.proceduresDir" in ${CONFIG_FILE} to the folder that holds it. Nothing was written.`,
    2,
  );
}

function joinFiles(files: string[]): string {
  return files.length === 2 ? `${files[0]} and ${files[1]}` : files.join(', ');
}
