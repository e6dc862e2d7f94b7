/**
 * Builds an app's browser page with Vite's `build` API: one module entry (it renders into `#root`),
 * JSX through Vite's built-in transform, `@igniter-js/core/client` resolved to its browser build, the
 * app's `@/*` alias. Writes `index.html` next to the bundle; serve the folder with `startAppServer`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const CORE_CLIENT_BROWSER = join(REPO_ROOT, 'node_modules', '@igniter-js', 'core', 'dist', 'client', 'index.browser.mjs');

export interface PageBuildOptions {
  appDir: string;
  /** The page's module, relative to `appDir` (e.g. `src/page/main.tsx`). */
  entry: string;
  /** Where to write the page; a new temp folder by default. */
  outDir?: string;
  /** Extra aliases (e.g. to swap a server-only module for a browser one). */
  alias?: Record<string, string>;
  /** Build-time replacements (Vite `define`: expressions as code), e.g. what Next.js inlines into client bundles. */
  define?: Record<string, string>;
  /**
   * React's build: `development` by default, as under `next dev`: StrictMode then mounts, unmounts and
   * mounts again (it found the generated presence hook's join/leave race). Without this, the build
   * would follow the caller's NODE_ENV (`test` under vitest: development; unset: production).
   */
  react?: 'development' | 'production';
  title?: string;
}

export async function buildPage(options: PageBuildOptions): Promise<string> {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'igniter-rt-page-'));
  await build({
    root: options.appDir,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    // JSX is always compiled here: an app's tsconfig may say `"jsx": "preserve"` (Next.js compiles it itself).
    oxc: { jsx: { runtime: 'automatic' } },
    define: { 'process.env.NODE_ENV': JSON.stringify(options.react ?? 'development'), ...options.define },
    resolve: {
      alias: {
        '@igniter-js/core/client': CORE_CLIENT_BROWSER,
        ...options.alias,
        '@/': `${join(options.appDir, 'src')}/`,
      },
    },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: join(options.appDir, options.entry),
        // Core's client chunks start with 'use client', meaningless in a plain bundle.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
        output: { entryFileNames: 'page.js', chunkFileNames: '[name]-[hash].js', assetFileNames: '[name]-[hash][extname]' },
      },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${options.title ?? 'runtime test'}</title></head>\n<body><div id="root"></div><script type="module" src="/page.js"></script></body></html>\n`,
  );
  return outDir;
}
