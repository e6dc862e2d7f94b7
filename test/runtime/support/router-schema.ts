/**
 * Writes the router schema the browser client is built with (`src/igniter.schema.ts`, `AppRouterSchema`:
 * controllers, paths, methods): what the Igniter.js CLI's `igniter generate schema` writes in the
 * official starters. The router is loaded in a child process under tsx, as the app server loads it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX_LOADER = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const CHILD = join(import.meta.dirname, 'router-schema-child.ts');

export interface RouterSchemaOptions {
  appDir: string;
  /** Relative to appDir. */
  routerModule: string;
  /** The file to write, relative to appDir (default `src/igniter.schema.ts`). */
  file?: string;
  /** Extra environment for loading the app (REDIS_URL). */
  env?: Record<string, string>;
}

export function writeRouterSchema(options: RouterSchemaOptions): string {
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, CHILD], {
    cwd: options.appDir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...options.env, APP_ROUTER_MODULE: join(options.appDir, options.routerModule), TSX_TSCONFIG_PATH: join(options.appDir, 'tsconfig.json') },
  });
  const line = /^ROUTER_SCHEMA (.*)$/m.exec(result.stdout ?? '')?.[1];
  if (result.status !== 0 || !line) throw new Error(`writeRouterSchema: loading ${options.routerModule} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  const file = join(options.appDir, options.file ?? 'src/igniter.schema.ts');
  writeFileSync(file, `// What the browser client needs of the router (as \`igniter generate schema\` writes it), written by the runtime harness.\nexport const AppRouterSchema = ${JSON.stringify(JSON.parse(line), null, 2)} as const\n`);
  return file;
}
