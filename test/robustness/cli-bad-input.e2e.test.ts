/**
 * The CLI bad-input matrix, end to end through the BUILT binary: one row per bad input, each with
 * its exit code, its exact message on stderr, and the proof that nothing was lost: the project (and
 * any folder outside it that the input points at) is byte for byte what it was, modes and symlinks
 * included. Rows cover every generator and `check`: bad names, targets outside the project root, a
 * read-only folder (really unwritable, even as root: see test/generate/unprivileged.ts), existing files,
 * a malformed router, tsconfig.json and igniter-rt.config.json, no terminal. After the table: a reader
 * that goes away (`| head`, through a real pipe) for generate and check, generate's options before the
 * generator's name, and a real write error in the middle of a multi-file write (a file-size limit
 * makes the kernel refuse the write with EFBIG), which must restore the tree as it was.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, cpSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt } from '../support/built-cli.js';
import { checkUnprivileged } from '../generate/unprivileged.js';
import { app, appOutsideRepo, cli, outsideFolder, removeAll, snapshot, type CliResult } from './cli-support.js';

const ROUTER = 'src/igniter.router.ts';
const HEALTH = 'src/features/health/controllers/health.controller.ts';
const CONTROLLER_FILE = 'src/features/note/controllers/note.controller.ts';
/** The fixture router with a comma missing after `health: healthController` (the error is at line 7, column 5). */
const BROKEN_ROUTER = (text: string) => text.replace('health: healthController,', 'health: healthController\n    other: healthController,');

interface Row {
  name: string;
  /** Arguments after `igniter-rt`; `--cwd <root>` is appended to `generate` rows. */
  args: string[];
  /** Prepares the copy (and returns folders outside it that must stay unchanged too). */
  setup?(root: string): string[] | void;
  /** Run in the project folder instead of passing `--cwd` (which `generate` alone does not take). */
  inProjectFolder?: true;
  /** Run without the permission to write a 0555 folder, even as root. */
  unprivileged?: true;
  /** Copy the app outside the repo (`check` skips git-ignored folders such as the repo's `.tmp-*`). */
  outsideRepo?: true;
  /** Copy this starter layout of test/fixtures/layouts instead of the generator-app fixture. */
  layout?: string;
  exit: number;
  /** The message on stderr after `igniter-rt: ` (the whole of it), or '' for an empty stderr. */
  stderr: string | RegExp;
  stdout?: RegExp;
  /**
   * A behaviour this row expects that the command lacks today (reported, owned elsewhere): the row runs
   * as \`it.fails\`, so it turns red, to be switched to \`it\`, once the command does it.
   */
  knownBug?: string;
}

const nameRows: Row[] = [
  { name: 'an empty name', args: ['generate', 'controller', ''], exit: 2, stderr: 'The name is empty. Use letters and digits, e.g. "user-profile".' },
  { name: 'a blank name', args: ['generate', 'controller', '   '], exit: 2, stderr: 'The name is empty. Use letters and digits, e.g. "user-profile".' },
  {
    name: 'a reserved word',
    args: ['generate', 'controller', 'class'],
    exit: 2,
    stderr: 'The name "class" is a reserved word in JavaScript or TypeScript; pick another, e.g. "classItem".',
  },
  ...['../x', 'a/b', 'C:\\x', '/etc/passwd'].map(
    (input): Row => ({
      name: `the path-like name ${input}`,
      args: ['generate', 'controller', input],
      exit: 2,
      stderr: `The name "${input}" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.`,
    }),
  ),
  { name: 'an overlong name', args: ['generate', 'controller', 'n'.repeat(65)], exit: 2, stderr: 'The name is 65 characters long; keep it to 64 or fewer.' },
  ...['usér', '用户', 'note😀'].map(
    (input): Row => ({
      name: `the non-ASCII name ${input}`,
      args: ['generate', 'controller', input],
      exit: 2,
      stderr: `The name "${input}" has characters that cannot become an identifier. Use ASCII letters, digits, "-" or "_", starting with a letter.`,
    }),
  ),
  {
    name: 'a name with a line break and a terminal escape (shown escaped, on one line)',
    args: ['generate', 'controller', 'a\nb\u001b[2J'],
    exit: 2,
    stderr: 'The name "a\\nb\\u001b[2J" has characters that cannot become an identifier. Use ASCII letters, digits, "-" or "_", starting with a letter.',
  },
  { name: 'a Windows device name', args: ['generate', 'controller', 'con'], exit: 2, stderr: 'The name "con" is a reserved file name on Windows (con.*); pick another, e.g. "con-item".' },
  {
    name: 'a path-like mutation name',
    args: ['generate', 'mutation', '../archive', '--controller', 'health'],
    exit: 2,
    stderr: 'The name "../archive" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.',
  },
  {
    name: 'a path-like stream name',
    args: ['generate', 'stream', 'a/b', '--controller', 'health', '--kind', 'typing'],
    exit: 2,
    stderr: 'The name "a/b" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.',
  },
  { name: 'an empty procedure name', args: ['generate', 'procedure', 'rate-limit', ''], exit: 2, stderr: 'The name is empty. Use letters and digits, e.g. "user-profile".' },
  {
    name: 'a path-like procedure name',
    args: ['generate', 'procedure', 'auth', '..\\session-auth'],
    exit: 2,
    stderr: 'The name "..\\session-auth" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.',
  },
  {
    name: 'a hook for a path',
    args: ['generate', 'hook', '../x'],
    exit: 2,
    stderr: 'The controller "../x" looks like a path. Give a plain name such as "user-profile"; files go where the project layout says.',
  },
  { name: 'a hook for a controller that is not registered', args: ['generate', 'hook', 'nope'], exit: 2, stderr: 'No controller is registered as "nope" in src/igniter.router.ts. Registered: health.' },
  {
    name: 'a --controller key that is not an identifier (stream)',
    args: ['generate', 'stream', 'typing', '--controller', "it's", '--kind', 'typing'],
    exit: 2,
    stderr: `The --controller key "it's" cannot be used in generated code; a router key here must be an identifier (letters, digits, "_", "$" or "-", at most 64).`,
  },
  {
    name: 'an unknown choice',
    args: ['generate', 'controller', 'note', '--scope', 'world'],
    exit: 2,
    stderr: "option '--scope <scope>' argument 'world' is invalid. Allowed choices are user, room, tenant, none.\n(add --help for usage, or see igniter-rt generate --list)",
  },
  {
    name: 'an unknown procedure kind',
    args: ['generate', 'procedure', 'widget', 'session-auth'],
    exit: 2,
    stderr: "command-argument value 'widget' is invalid for argument 'kind'. Allowed choices are auth, rate-limit.\n(add --help for usage, or see igniter-rt generate --list)",
  },
];

function config(root: string, value: unknown): void {
  writeFileSync(join(root, 'igniter-rt.config.json'), typeof value === 'string' ? value : JSON.stringify(value));
}

const outsideRows: Row[] = [
  {
    name: 'a configured folder outside the project (relative)',
    args: ['generate', 'controller', 'note'],
    setup: (root) => config(root, { generate: { featuresDir: '../outside' } }),
    exit: 2,
    stderr: '"generate.featuresDir" in igniter-rt.config.json must be a path inside the project, relative to its root (e.g. "src/features"); got "../outside".',
  },
  {
    name: 'a configured folder outside the project (absolute)',
    args: ['generate', 'hook', 'health'],
    setup: (root) => config(root, { generate: { hooksDir: '/tmp/hooks' } }),
    exit: 2,
    stderr: '"generate.hooksDir" in igniter-rt.config.json must be a path inside the project, relative to its root (e.g. "src/features"); got "/tmp/hooks".',
  },
  {
    name: 'a features folder that is a symlink to outside the project',
    args: ['generate', 'controller', 'note'],
    setup(root) {
      const outside = outsideFolder();
      cpSync(join(root, 'src/features'), outside, { recursive: true });
      rmSync(join(root, 'src/features'), { recursive: true });
      symlinkSync(outside, join(root, 'src/features'));
      return [outside];
    },
    exit: 2,
    stderr: new RegExp(`^Refusing to write ${CONTROLLER_FILE}: it resolves outside the project root /\\S+ \\(through a symbolic link\\)\\. Nothing was written\\.$`),
  },
  {
    name: 'a procedures folder that is a symlink to outside the project',
    args: ['generate', 'procedure', 'auth', 'session-auth'],
    setup(root) {
      const outside = outsideFolder();
      cpSync(join(root, 'src/procedures'), outside, { recursive: true });
      rmSync(join(root, 'src/procedures'), { recursive: true });
      symlinkSync(outside, join(root, 'src/procedures'));
      return [outside];
    },
    exit: 2,
    stderr: /^Refusing to write src\/procedures\/session-auth\.procedure\.ts: it resolves outside the project root \/\S+ \(through a symbolic link\)\. Nothing was written\.$/,
  },
  {
    name: '--templates outside the project (relative)',
    args: ['generate', 'controller', 'note', '--templates', '..'],
    exit: 2,
    stderr: /^Template overrides are read only from inside the project; "\.\." is outside \/\S+\.$/,
  },
  {
    name: '--templates outside the project (absolute)',
    args: ['generate', 'controller', 'note', '--templates', '/tmp'],
    exit: 2,
    stderr: /^Template overrides are read only from inside the project; "\/tmp" is outside \/\S+\.$/,
  },
  {
    name: '--templates through a symlink inside the project that leads outside',
    args: ['generate', 'controller', 'note', '--templates', 'my-templates'],
    setup(root) {
      const outside = outsideFolder();
      mkdirSync(join(outside, 'controller'));
      writeFileSync(join(outside, 'controller', 'controller.ts.hbs'), 'pwned()\n');
      symlinkSync(outside, join(root, 'my-templates'));
      return [outside];
    },
    exit: 2,
    stderr: /^Template overrides are read only from inside the project; "my-templates" is outside \/\S+\.$/,
  },
  {
    name: 'a template override file that is a symlink to outside the project',
    args: ['generate', 'controller', 'note'],
    setup(root) {
      const outside = outsideFolder();
      writeFileSync(join(outside, 'evil.hbs'), 'pwned()\n');
      mkdirSync(join(root, '.igniter-rt/templates/controller'), { recursive: true });
      symlinkSync(join(outside, 'evil.hbs'), join(root, '.igniter-rt/templates/controller/interfaces.ts.hbs'));
      return [outside];
    },
    exit: 2,
    stderr: /^Template overrides are read only from inside the project; "\/\S+\/\.igniter-rt\/templates\/controller\/interfaces\.ts\.hbs" is outside \/\S+\.$/,
  },
  { name: 'a project folder that does not exist', args: ['generate', 'controller', 'note', '--cwd', '/nonexistent/app'], exit: 2, stderr: 'The project folder /nonexistent/app does not exist.' },
];

const readOnlyRows: Row[] = [
  {
    name: 'a read-only features folder',
    args: ['generate', 'controller', 'note'],
    setup: (root) => chmodSync(join(root, 'src/features'), 0o555),
    unprivileged: true,
    exit: 1,
    stderr: 'Cannot write to src/features (permission denied). Nothing was written.',
  },
  {
    name: 'a read-only project (every folder 0555)',
    args: ['generate', 'procedure', 'auth', 'session-auth'],
    setup(root) {
      const lock = (folder: string) => {
        for (const entry of readdirSync(folder)) if (lstatSync(join(folder, entry)).isDirectory()) lock(join(folder, entry));
        chmodSync(folder, 0o555);
      };
      lock(root);
    },
    unprivileged: true,
    exit: 1,
    stderr: 'Cannot write to src/procedures (permission denied). Nothing was written.',
  },
];

const existingRows: Row[] = [
  {
    name: 'an existing generated file with other content',
    args: ['generate', 'controller', 'note'],
    setup(root) {
      mkdirSync(join(root, 'src/features/note/controllers'), { recursive: true });
      writeFileSync(join(root, CONTROLLER_FILE), '// mine\n');
    },
    exit: 1,
    stderr: `${CONTROLLER_FILE} already exists with other content; use --force to overwrite it.`,
  },
  {
    name: 'an existing procedure file',
    args: ['generate', 'procedure', 'auth', 'auth'],
    exit: 1,
    stderr: 'src/procedures/auth.procedure.ts already exists with different content. Use --force to overwrite it.',
  },
  {
    name: 'a router key registered to another controller',
    args: ['generate', 'controller', 'note'],
    setup: (root) => writeFileSync(join(root, ROUTER), readFileSync(join(root, ROUTER), 'utf8').replace('health: healthController,', 'health: healthController,\n    note: healthController,')),
    exit: 1,
    stderr: `The router key "note" is already registered to healthController in ${ROUTER}; use --force to replace it.`,
  },
];

const malformedRows: Row[] = [
  ...(
    [
      ['controller', ['note']],
      ['mutation', ['archive', '--controller', 'health']],
      ['stream', ['typing', '--controller', 'health', '--kind', 'typing']],
      ['hook', ['health']],
    ] as const
  ).map(
    ([generator, rest]): Row => ({
      name: `a router with a syntax error (${generator})`,
      args: ['generate', generator, ...rest],
      setup: (root) => writeFileSync(join(root, ROUTER), BROKEN_ROUTER(readFileSync(join(root, ROUTER), 'utf8'))),
      exit: 1,
      stderr: `${ROUTER}:7:5 has a syntax error (',' expected). Fix it first: igniter-rt reads and edits only files that parse. Nothing was written.`,
    }),
  ),
  {
    name: 'a controller with a syntax error (mutation)',
    args: ['generate', 'mutation', 'archive', '--controller', 'health'],
    setup: (root) => writeFileSync(join(root, HEALTH), readFileSync(join(root, HEALTH), 'utf8').replace("path: '/health',", "path: '/health'")),
    exit: 1,
    stderr: `${HEALTH}:6:3 has a syntax error (',' expected). Fix it first: igniter-rt reads and edits only files that parse. Nothing was written.`,
  },
  {
    name: 'a tsconfig.json that does not parse',
    args: ['generate', 'controller', 'note'],
    setup: (root) => writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] }\n'),
    exit: 2,
    stderr: /^tsconfig\.json:2:1 does not parse \('\}' expected\); generate reads its "paths" to write imports the way the project does\. Fix it first\. Nothing was written\.$/,
  },
  {
    name: 'an igniter-rt.config.json that is not JSON',
    args: ['generate', 'controller', 'note'],
    setup: (root) => config(root, '{ "generate": { "featuresDir": "src/features", } }'),
    exit: 2,
    stderr: /^igniter-rt\.config\.json is not valid JSON: .+$/,
  },
  {
    name: 'an igniter-rt.config.json that is not an object',
    args: ['generate', 'controller', 'note'],
    setup: (root) => config(root, '[]'),
    exit: 2,
    stderr: 'igniter-rt.config.json must hold a JSON object.',
  },
  {
    name: 'an igniter-rt.config.json with code for an identifier',
    args: ['generate', 'controller', 'note'],
    setup: (root) => config(root, { generate: { instanceName: 'igniter; pwned()' } }),
    exit: 2,
    stderr: '"generate.instanceName" in igniter-rt.config.json must be an identifier (the exported name), got "igniter; pwned()".',
  },
];

const noTtyRows: Row[] = [
  {
    name: 'no generator, no terminal',
    args: ['generate'],
    inProjectFolder: true,
    exit: 2,
    stderr: 'Missing the generator (stdin is not a terminal, so nothing is asked): igniter-rt generate <controller|mutation|stream|hook|procedure|sse-guard> ...',
  },
  {
    // `generate --cwd <root>` (runRow appends it): the generator is asked for on a terminal, so here it is missing; not "unknown option".
    name: 'no generator with --cwd, no terminal',
    args: ['generate'],
    exit: 2,
    stderr: 'Missing the generator (stdin is not a terminal, so nothing is asked): igniter-rt generate <controller|mutation|stream|hook|procedure|sse-guard> ...',
  },
  {
    name: 'controller without its name, no terminal',
    args: ['generate', 'controller'],
    exit: 2,
    stderr: 'Missing an answer (stdin is not a terminal, so nothing is asked): pass <name> (igniter-rt generate controller <name>). Nothing was written.',
  },
  {
    name: 'mutation without its name and controller, no terminal',
    args: ['generate', 'mutation', '--yes'],
    exit: 2,
    stderr:
      'Missing answers (stdin is not a terminal, so nothing is asked): pass <name> (igniter-rt generate mutation <name>), --controller (Router key of the controller to add it to (e.g. note)). Nothing was written.',
  },
  {
    name: 'stream without its kind, no terminal',
    args: ['generate', 'stream', 'typing', '--controller', 'health'],
    exit: 2,
    stderr: /^Missing an answer \(stdin is not a terminal, so nothing is asked\): pass --kind \(one of typing, presence, notifications, feed, collab\)\. Nothing was written\.$/,
  },
  {
    name: 'hook without its controller, no terminal',
    args: ['generate', 'hook'],
    exit: 2,
    stderr: 'Missing an answer (stdin is not a terminal, so nothing is asked): pass <controller> (igniter-rt generate hook <controller>). Nothing was written.',
  },
  {
    name: 'procedure without its kind and name, no terminal',
    args: ['generate', 'procedure'],
    exit: 2,
    stderr:
      'Missing answers (stdin is not a terminal, so nothing is asked): pass <kind> (igniter-rt generate procedure <auth|rate-limit>), <name> (igniter-rt generate procedure <auth|rate-limit> <name>). Nothing was written.',
  },
];

const checkRows: Row[] = [
  {
    name: 'check with an igniter-rt.config.json that is not JSON',
    args: ['check'],
    outsideRepo: true,
    setup: (root) => config(root, '{ "rules": '),
    exit: 2,
    stderr: /^igniter-rt\.config\.json: malformed JSON \(.+\)\.$/,
  },
  {
    name: 'check with an unknown rule in igniter-rt.config.json',
    args: ['check'],
    outsideRepo: true,
    setup: (root) => config(root, { rules: { 'no-such-rule': 'error' } }),
    exit: 2,
    stderr: /^igniter-rt\.config\.json: .*no-such-rule.*$/,
  },
  {
    // Aliases (`@/*`) then resolve to nothing, so cross-file rules see less: the user must be told.
    name: 'check with a tsconfig.json that does not parse: checks, and warns in one line',
    args: ['check', '--strict'],
    outsideRepo: true,
    setup: (root) => writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] }\n'),
    exit: 0,
    stderr: "warning: tsconfig.json:2:1: does not parse ('}' expected); cross-file checks are limited.",
    stdout: /^$/,
  },
  {
    name: 'check with a tsconfig.json whose "extends" is missing: checks, and warns in one line',
    args: ['check', '--strict', '--format', 'json'],
    outsideRepo: true,
    setup: (root) => writeFileSync(join(root, 'tsconfig.json'), '{ "extends": "./config/base.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n'),
    exit: 0,
    stderr: /^warning: tsconfig\.json: Cannot read file '\/\S+\/config\/base\.json'; cross-file checks are limited\.$/,
    stdout: /^\[\{"filePath":/,
  },
  {
    // ESLint reports a file that does not parse as a fatal "Parsing error" (exit 1); so must check.
    name: 'check with a router that does not parse: reports it as an error',
    args: ['check', '--strict'],
    outsideRepo: true,
    setup: (root) => writeFileSync(join(root, ROUTER), BROKEN_ROUTER(readFileSync(join(root, ROUTER), 'utf8'))),
    exit: 1,
    stderr: '',
    // ESLint's message and position: the column is typescript-eslint's, 0-based (generate's 7:5 is 1-based).
    stdout: /\/src\/igniter\.router\.ts\n {2}7:4 {2}error {2}Parsing error: ',' expected\n\n/,
  },
  {
    name: 'check --format sarif with a router that does not parse: a tool execution notification, still a successful run',
    args: ['check', '--format', 'sarif'],
    outsideRepo: true,
    setup: (root) => writeFileSync(join(root, ROUTER), BROKEN_ROUTER(readFileSync(join(root, ROUTER), 'utf8'))),
    exit: 1,
    stderr: '',
    stdout: /"executionSuccessful": true,\s+"toolExecutionNotifications": \[\s+\{\s+"descriptor": \{\s+"id": "parse-error"[\s\S]*"uri": "src\/igniter\.router\.ts"[\s\S]*"startLine": 7,\s+"startColumn": 5/,
  },
];

const STORE_FIX =
  'Add .store(createRedisStoreAdapter(redis)) to its builder, before .create() (createRedisStoreAdapter from @igniter-js/adapter-redis, redis an ioredis client), ' +
  'or, if the app builds its instance elsewhere, set "generate.instanceFile" and "generate.instanceName" in igniter-rt.config.json. Nothing was written.';
const NO_STORE = (generator: string) =>
  `generate ${generator} needs the app's store (igniter.store, and igniter.realtime, which @igniter-js/core creates only with a store), but the Igniter instance "igniter" in src/igniter.ts is built without .store(...). ${STORE_FIX}`;
const ADMIN_AUTH = "import { igniter } from '@/igniter'\n\nexport const authProcedure = igniter.procedure({ name: 'admin', handler: async () => ({ admin: true }) })\n";

/** The official starter layouts (test/fixtures/layouts) that generate must understand or refuse clearly. */
const layoutRows: Row[] = [
  {
    name: 'no router anywhere',
    args: ['generate', 'controller', 'note'],
    setup: (root) => rmSync(join(root, ROUTER)),
    exit: 2,
    stderr: /^Cannot find the Igniter router in \/\S+: no src\/igniter\.router\.ts or igniter\.router\.ts, and no file calls <instance>\.router\(\{ \.\.\. \}\)\. Run igniter-rt in the app's folder \(or pass --cwd <app>\), or set "generate\.routerFile" in igniter-rt\.config\.json\. Nothing was written\.$/,
  },
  {
    name: 'several routers and none at the usual place',
    args: ['generate', 'controller', 'note'],
    layout: 'nextjs',
    setup(root) {
      const router = readFileSync(join(root, ROUTER), 'utf8');
      rmSync(join(root, ROUTER));
      writeFileSync(join(root, 'src/public.router.ts'), router);
      writeFileSync(join(root, 'src/admin.router.ts'), router);
    },
    exit: 2,
    stderr:
      'Found several Igniter routers (src/admin.router.ts, src/public.router.ts), so the layout is ambiguous. Set "generate.routerFile" in igniter-rt.config.json to the one generators should register controllers in. Nothing was written.',
  },
  {
    name: 'a router whose controllers are not written inline (cannot be edited safely)',
    args: ['generate', 'controller', 'note'],
    layout: 'nextjs',
    setup: (root) =>
      writeFileSync(
        join(root, ROUTER),
        readFileSync(join(root, ROUTER), 'utf8').replace('export const AppRouter = igniter.router({\n  controllers: {\n    example: exampleController\n  }\n})', 'const controllers = { example: exampleController }\n\nexport const AppRouter = igniter.router({ controllers })'),
      ),
    exit: 2,
    stderr:
      'src/igniter.router.ts has no `<instance>.router({ controllers: { ... } })` with the controllers written inline, so igniter-rt cannot register a controller there safely. Write the controllers object inside the router call, or set "generate.routerFile" in igniter-rt.config.json to the file that has it. Nothing was written.',
  },
  {
    name: 'two procedures exported under the same name (controller --auth authProcedure)',
    args: ['generate', 'controller', 'note'],
    layout: 'nextjs',
    setup(root) {
      mkdirSync(join(root, 'src/features/admin/procedures'), { recursive: true });
      writeFileSync(join(root, 'src/features/admin/procedures/auth.procedure.ts'), ADMIN_AUTH);
    },
    exit: 2,
    stderr:
      '--auth authProcedure is ambiguous: 2 files under src/ export a procedure named authProcedure (src/features/admin/procedures/auth.procedure.ts and src/features/auth/procedures/auth.procedure.ts). Rename all but one, or set "generate.proceduresDir" in igniter-rt.config.json to the folder of the one to use. Nothing was written.',
  },
  {
    name: 'two procedures exported under the same name (stream)',
    args: ['generate', 'stream', 'typing', '--controller', 'example', '--kind', 'typing'],
    layout: 'nextjs',
    setup(root) {
      mkdirSync(join(root, 'src/features/admin/procedures'), { recursive: true });
      writeFileSync(join(root, 'src/features/admin/procedures/auth.procedure.ts'), ADMIN_AUTH);
    },
    exit: 2,
    stderr: /^--auth authProcedure is ambiguous: 2 files under src\/ export a procedure named authProcedure \(src\/features\/admin\/procedures\/auth\.procedure\.ts and src\/features\/auth\/procedures\/auth\.procedure\.ts\)\./,
  },
  {
    name: 'an --auth procedure that no file exports',
    args: ['generate', 'controller', 'note', '--auth', 'sessionGuard'],
    layout: 'nextjs',
    exit: 2,
    stderr:
      'Cannot find the procedure "sessionGuard" (--auth): no file under src/ exports `sessionGuard = igniter.procedure(...)`. Procedures found: authProcedure (src/features/auth/procedures/auth.procedure.ts). Pass --auth with one of them, create it with `igniter-rt generate procedure auth|rate-limit <name>`, or set "generate.proceduresDir" in igniter-rt.config.json to the folder that holds it. Nothing was written.',
  },
  {
    name: 'a procedure whose name another file already exports',
    args: ['generate', 'procedure', 'auth', 'auth', '--feature', 'admin'],
    layout: 'nextjs',
    exit: 2,
    stderr:
      'src/features/auth/procedures/auth.procedure.ts already exports authProcedure; a second one in src/features/admin/procedures/auth.procedure.ts would make --auth authProcedure ambiguous. Pick another name, or rename or remove the existing one first. Nothing was written.',
  },
  { name: 'no store: controller with live actions', args: ['generate', 'controller', 'note'], layout: 'no-store', exit: 2, stderr: NO_STORE('controller') },
  { name: 'no store: rate-limit procedure', args: ['generate', 'procedure', 'rate-limit', 'api-rate-limit'], layout: 'no-store', exit: 2, stderr: NO_STORE('procedure') },
  { name: 'no store: auth procedure (sessions live in the store)', args: ['generate', 'procedure', 'auth', 'session-auth'], layout: 'no-store', exit: 2, stderr: NO_STORE('procedure') },
  {
    name: 'hooks in a layout without a typed client (the Express REST starter)',
    args: ['generate', 'hook', 'example'],
    layout: 'express-rest',
    exit: 2,
    stderr:
      "generate hook writes React hooks on the app's typed client, but src/igniter.client.ts does not exist. Create it (`export const api = createIgniterClient<AppRouterType>({ ... })` from @igniter-js/core/client), or set \"generate.clientFile\" and \"generate.clientName\" in igniter-rt.config.json to the file that exports it. Nothing was written.",
  },
];

const ROWS: [string, Row[]][] = [
  ['starter layouts', layoutRows],
  ['names', nameRows],
  ['targets outside the project', outsideRows],
  ['read-only folders', readOnlyRows],
  ['existing files', existingRows],
  ['malformed project files', malformedRows],
  ['no terminal', noTtyRows],
  ['check', checkRows],
];

beforeAll(() => {
  ensureBuilt('cli/commands/generate.js');
  checkUnprivileged();
}, 120_000);

afterAll(removeAll);

function runRow(row: Row): { root: string; result: CliResult; before: Record<string, string>[]; after: () => Record<string, string>[] } {
  const root = row.outsideRepo ? appOutsideRepo() : app(row.layout);
  const outside = row.setup?.(root) ?? [];
  const folders = [root, ...outside];
  const before = folders.map(snapshot);
  const args = row.args[0] === 'generate' && !row.inProjectFolder && !row.args.includes('--cwd') ? [...row.args, '--cwd', root] : row.args;
  const result = cli(args, { cwd: root, unprivileged: row.unprivileged });
  return { root, result, before, after: () => folders.map(snapshot) };
}

describe('igniter-rt bad input: exit code, message, nothing written or lost', () => {
  for (const [group, rows] of ROWS) {
    describe(group, () => {
      for (const row of rows) {
        (row.knownBug ? it.fails : it)(row.knownBug ? `${row.name} (known bug: ${row.knownBug})` : row.name, () => {
          const { result, before, after } = runRow(row);
          expect(result.signal, 'the command hung and was killed').toBeNull();
          if (row.stderr === '') expect(result.stderr).toBe('');
          else {
            expect(result.stderr, 'stderr starts with "igniter-rt: "').toMatch(/^igniter-rt: /);
            const message = result.stderr.replace(/^igniter-rt: /, '').replace(/\n$/, '');
            if (typeof row.stderr === 'string') expect(message).toBe(row.stderr);
            else expect(message).toMatch(row.stderr);
          }
          expect(result.status).toBe(row.exit);
          expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
          if (row.stdout) expect(result.stdout).toMatch(row.stdout);
          else if (row.args[0] === 'generate') expect(result.stdout).toBe('');
          expect(after()).toEqual(before);
        });
      }
    });
  }
});

describe('a reader that goes away (`igniter-rt generate ... | head`)', () => {
  it('is no error: the run completes, exit 0, no EPIPE crash', async () => {
    const root = app();
    const child = spawn(process.execPath, [bin, 'generate', 'controller', 'note', '--cwd', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the command writes its first line
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(root, ROUTER), 'utf8')).toContain('note: noteController');
  });
});

describe('a reader that goes away (`igniter-rt check ... | head`)', () => {
  /** A project whose JSON report is far larger than a pipe holds (64 KiB on Linux): most of it is written after the reader left. */
  function bigProject(): string {
    const root = appOutsideRepo();
    // A stream without authentication (a require-stream-auth error) in each copy, and the JSON report carries each file's source.
    const live = readFileSync(join(root, HEALTH), 'utf8').replace("path: '/' as const,", "path: '/' as const,\n      stream: true,");
    const padding = `/**\n${' * A long comment, so the report carries a long source.\n'.repeat(40)} */\n`;
    for (let copy = 0; copy < 60; copy++) writeFileSync(join(root, `src/features/health/controllers/copy-${copy}.controller.ts`), padding + live.replace(/healthController/g, `health${copy}Controller`));
    return root;
  }

  const exited = (child: ChildProcess) => new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));

  /** Reads one chunk (at most what a pipe holds, 64 KiB) from the FIFO named by argv[1], prints its size and exits, as `head` does. */
  const READ_ONE_CHUNK = "const fs = require('fs'); const fd = fs.openSync(process.argv[1], 'r'); const n = fs.readSync(fd, Buffer.alloc(65536)); process.stdout.write(String(n));";

  /**
   * `igniter-rt <args> | reader`. The pipe is a real one (a FIFO: child_process's pipes are socket pairs,
   * whose buffers could hold the whole report), read once by a process that then exits. With
   * `readFirst` false, the pipe is closed before the command writes anything.
   */
  async function run(args: string[], cwd: string, readFirst: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; received: number }> {
    const env = { ...process.env, NO_COLOR: '1' };
    let stdout: 'pipe' | number = 'pipe';
    let reader: ChildProcess | undefined;
    let said = '';
    if (readFirst) {
      const fifo = join(outsideFolder(), 'stdout');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      reader = spawn(process.execPath, ['-e', READ_ONE_CHUNK, fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
      reader.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
      // The write end opens (without blocking) once the reader has the read end open: ENXIO until then.
      for (let tries = 0; typeof stdout !== 'number'; tries++) {
        try {
          stdout = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENXIO' || tries > 1000) throw error;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    }
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', stdout, 'pipe'], env });
    if (typeof stdout === 'number') closeSync(stdout); // the command holds the only write end
    else child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [[code, signal]] = await Promise.all([exited(child), ...(reader ? [exited(reader)] : [])]);
    return { code, signal, stderr, received: Number(said) };
  }

  it('after the first chunk of a large report: no EPIPE stack, the exit code still says the findings (1)', async () => {
    const root = bigProject();
    // The report really is larger than the pipe: the rest of it is written after the reader left.
    const full = cli(['check', '--strict', '--format', 'json'], { cwd: root });
    expect(full.status).toBe(1);
    expect(full.stdout.length).toBeGreaterThan(2 * 65_536);
    const { code, signal, stderr, received } = await run(['check', '--strict', '--format', 'json'], root, true);
    expect(received).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(signal).toBeNull();
    expect(code).toBe(1);
  });

  it('before anything is written, in every format', async () => {
    const root = appOutsideRepo();
    writeFileSync(join(root, ROUTER), BROKEN_ROUTER(readFileSync(join(root, ROUTER), 'utf8'))); // something to report
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const { code, stderr } = await run(['check', '--format', format], root, false);
      expect(stderr, format).toBe('');
      expect(code, format).toBe(1);
    }
  });
});

describe('generate options before the generator name (`generate --cwd <dir> --dry-run controller note`)', () => {
  it('apply to the generator: --cwd picks the project, --dry-run writes nothing', () => {
    const root = app();
    const before = snapshot(root);
    const elsewhere = outsideFolder();
    const dry = cli(['generate', '--cwd', root, '--dry-run', 'controller', 'note'], { cwd: elsewhere });
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`CREATE ${CONTROLLER_FILE}`);
    expect(dry.stdout).toContain(`+++ b/${CONTROLLER_FILE}`);
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual([]);
    // Without --dry-run the same command writes, into the --cwd project.
    const real = cli(['generate', '--cwd', root, 'controller', 'note'], { cwd: elsewhere });
    expect(real.status, real.stderr).toBe(0);
    expect(readFileSync(join(root, ROUTER), 'utf8')).toContain('note: noteController');
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe('a real write error in the middle of a multi-file write', () => {
  it('restores the tree byte for byte (EFBIG from a file-size limit at the last write: the controller edit)', () => {
    // A long header makes the controller edit the largest file of the change list.
    const withHeader = (root: string) => writeFileSync(join(root, HEALTH), `/**\n${' * A long header.\n'.repeat(300)} */\n${readFileSync(join(root, HEALTH), 'utf8')}`);
    // A reference run gives the size of each file; writes go new files first, the edit last.
    const reference = app();
    withHeader(reference);
    const args = ['generate', 'stream', 'typing', '--controller', 'health', '--kind', 'typing'];
    const done = cli([...args, '--cwd', reference]);
    expect(done.status, done.stderr).toBe(0);
    const created = [...done.stdout.matchAll(/^CREATE (\S+)$/gm)].map((match) => match[1]);
    const updated = [...done.stdout.matchAll(/^UPDATE (\S+)$/gm)].map((match) => match[1]);
    // The controller, then the router (the `realtime` controller of the SSE guard), the instance file
    // (relayRealtime) and the serving entry (the guard): the controller edit is the first edit written.
    expect(updated).toEqual([HEALTH, 'src/igniter.router.ts', 'src/igniter.ts', 'src/server.ts']);
    expect(created.length).toBeGreaterThanOrEqual(2);
    const size = (path: string) => readFileSync(join(reference, path)).length;
    const largestCreated = Math.max(...created.map(size));
    // The limit lets every new file through and stops the edit, which must then undo them all.
    expect(size(HEALTH)).toBeGreaterThan(largestCreated);
    const limit = largestCreated + 1;

    const root = app();
    withHeader(root);
    const before = snapshot(root);
    const result = spawnSync('prlimit', [`--fsize=${limit}`, '--', process.execPath, bin, ...args, '--cwd', root], { encoding: 'utf8', timeout: 60_000 });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe(`igniter-rt: Could not write ${HEALTH} (EFBIG: file too large). Restored the ${created.length} already written.\n`);
    expect(result.status).toBe(1);
    expect(snapshot(root)).toEqual(before);
  });
});
