/**
 * `generate procedure auth|rate-limit <name>`: a procedure for the `use` of actions and streams.
 *
 * - `auth`: connection authentication. Resolves the user from the session cookie or a bearer token
 *   (sessions in the app's store by default) and throws a 401 `IgniterError` without one.
 * - `rate-limit`: the realtime rules' fixed-window limit on the store API (`increment` + `expire` on
 *   the first hit), per user or per IP, throwing a 429 `IgniterError` with `retryAfterSeconds`.
 *
 * Writes `<featuresDir>/<feature>/procedures/<kebab>.procedure.ts` (the official starters' layout;
 * `--feature` defaults to the procedure's name), or `<proceduresDir>/<kebab>.procedure.ts` when the app
 * keeps its procedures in one folder (`generate.proceduresDir`, or an existing `src/procedures`) and no
 * `--feature` is given. It exports `<camel>Procedure`. The name must read as a guard to
 * `require-stream-auth` (its default `procedures` pattern), so that a stream using the procedure passes
 * the `strict` preset, and must not be exported by another file already (`--auth` would be ambiguous).
 * Both kinds use the app's store (`igniter.store`): an instance without `.store(...)` is refused.
 */
import { CONFIG_FILE } from '../../config-file.js';
import { requireStore } from '../layout.js';
import { toNames } from '../names.js';
import { listProcedures } from '../procedures.js';
import { readOptions, type OptionTable } from '../options.js';
import { GenerateError, type GeneratorContext, type GeneratorDefinition, type OptionValue, type ProjectLayout, type Tree } from '../types.js';

export const PROCEDURE_KINDS = ['auth', 'rate-limit'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** The default `procedures` pattern of igniter-rt/require-stream-auth (kept equal by a test). */
export const STREAM_GUARD_PATTERN = 'auth|session|protect|guard|admin|rate.?limit';

const SESSION_PREFIX = 'session:';

const PROCEDURE_OPTIONS = [
  { name: 'limit', description: 'rate-limit: requests allowed per window', type: 'string', format: 'positive-integer', default: '10' },
  { name: 'window', description: 'rate-limit: window length in seconds', type: 'string', format: 'positive-integer', default: '60' },
  { name: 'cookie', description: 'auth: name of the session cookie', type: 'string', format: 'cookie-name', default: 'session' },
  {
    name: 'feature',
    description:
      'Feature to write into (<featuresDir>/<feature>/procedures/); empty: the app\'s one procedures folder when it keeps one (generate.proceduresDir, or an existing src/procedures), else a feature named after the procedure',
    type: 'string',
    default: '',
  },
] as const satisfies OptionTable;

export const procedureGenerator: GeneratorDefinition = {
  name: 'procedure',
  description: 'A procedure for `use`: connection authentication (401) or a rate limit on the store (429)',
  arguments: [
    { name: 'kind', description: 'What the procedure does', choices: PROCEDURE_KINDS, prompt: 'Which procedure?' },
    { name: 'name', description: 'Procedure name (exported as <name>Procedure); must contain auth, session, guard, protect, admin or rate-limit', prompt: 'Procedure name', example: 'session-auth' },
  ],
  options: PROCEDURE_OPTIONS,
  example: 'igniter-rt generate procedure rate-limit stream-rate-limit --limit 20 --window 60',
  writes:
    '`src/features/<feature>/procedures/<name>.procedure.ts` (`--feature`, default the name; or the app\'s procedures folder): session authentication (401, provides `context.user`), or a fixed-window rate limit on the store (429 with when to retry).',
  run(tree: Tree, options: Record<string, OptionValue>, context: GeneratorContext): void {
    const read = readOptions(PROCEDURE_OPTIONS, options);
    const kind = readKind(options.kind);
    const names = toNames(readString(options.name, 'name'), 'procedure name');
    if (!new RegExp(STREAM_GUARD_PATTERN, 'i').test(`${names.camel}Procedure`)) {
      const suggestion = kind === 'auth' ? `${names.kebab}-auth` : `${names.kebab}-rate-limit`;
      throw new GenerateError(
        `The procedure name "${names.raw}" would export ${names.camel}Procedure, which igniter-rt/require-stream-auth does not recognise as guarding a stream ` +
          `(its name must contain auth, session, protect, guard, admin or rate-limit). Use e.g. "${suggestion}".`,
        2,
      );
    }
    const { layout } = context;
    requireStore(layout, 'procedure');
    const file = procedureFile(layout, names.kebab, read.string('feature'));
    const existing = listProcedures(tree, layout).find((procedure) => procedure.name === `${names.camel}Procedure` && procedure.file !== file);
    if (existing) {
      throw new GenerateError(
        `${existing.file} already exports ${names.camel}Procedure; a second one in ${file} would make --auth ${names.camel}Procedure ambiguous. ` +
          `Pick another name, or rename or remove the existing one first. Nothing was written.`,
        2,
      );
    }
    const data = {
      camel: names.camel,
      pascal: names.pascal,
      instanceName: layout.instanceName,
      instanceImport: context.importPath(file, layout.instanceFile),
    };
    const content =
      kind === 'auth'
        ? context.render('procedure/auth.procedure.ts.hbs', { ...data, cookieName: read.string('cookie'), sessionPrefix: SESSION_PREFIX })
        : context.render('procedure/rate-limit.procedure.ts.hbs', {
            ...data,
            limit: read.integer('limit'),
            window: read.integer('window'),
          });
    writeGeneratedFile(tree, file, content, options.force === true);
  },
};

/** Where the procedure goes: `--feature`, else the app's one procedures folder, else a feature named after it. */
function procedureFile(layout: ProjectLayout, kebab: string, given: string): string {
  if (given === '' && layout.proceduresDir !== undefined) return `${layout.proceduresDir}/${kebab}.procedure.ts`;
  const folder = given === '' ? kebab : toNames(given, 'feature name').kebab;
  const file = `${layout.featuresDir}/${folder}/procedures/${kebab}.procedure.ts`;
  // A procedure must land where `--auth` looks for them (all of the source root, unless configured).
  if (layout.procedureSearchDir !== '.' && !file.startsWith(`${layout.procedureSearchDir}/`)) {
    throw new GenerateError(
      `--feature ${given} would write ${file}, outside ${layout.procedureSearchDir}/, the only folder --auth searches ("generate.proceduresDir" in ${CONFIG_FILE}). ` +
        `Leave out --feature to write it there, or change that key. Nothing was written.`,
      2,
    );
  }
  return file;
}

function readKind(value: OptionValue | undefined): ProcedureKind {
  const kind = readString(value, 'kind');
  if (!(PROCEDURE_KINDS as readonly string[]).includes(kind)) {
    throw new GenerateError(`Unknown procedure kind "${kind}"; use one of: ${PROCEDURE_KINDS.join(', ')}.`, 2);
  }
  return kind as ProcedureKind;
}

function readString(value: OptionValue | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new GenerateError(`Missing the procedure ${what}.`, 2);
  return value.trim();
}

/** Writes `content`, refusing to replace a different existing file unless `force` (same content → SKIP). */
function writeGeneratedFile(tree: Tree, file: string, content: string, force: boolean): void {
  const existing = tree.read(file);
  if (existing !== undefined && existing !== content && !force) {
    throw new GenerateError(`${file} already exists with different content. Use --force to overwrite it.`);
  }
  tree.write(file, content);
}
