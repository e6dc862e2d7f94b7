/**
 * The fuzz corpus: every .ts/.tsx file of the test fixtures and the example app, and the TypeScript
 * code blocks of the rules' docs pages. Each entry keeps a path inside a project on disk (docs blocks
 * get a path of their own inside the example app), so the rules see the project index as they lint it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE_APP = join(REPO_ROOT, 'examples', 'chat-app');

export interface CorpusFile {
  /** Absolute path the text is linted as. */
  path: string;
  /** Where the text comes from, for failure reports (relative to the repo, or `<docs page>#<block>`). */
  origin: string;
  text: string;
}

const SOURCE = /\.tsx?$/;

function sourcesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The ```ts, ```typescript and ```tsx blocks of each rule's README, as files of the example app. */
function docsBlocks(): CorpusFile[] {
  const rulesDirectory = join(REPO_ROOT, 'rules');
  const files: CorpusFile[] = [];
  for (const rule of readdirSync(rulesDirectory, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    let page: string;
    try {
      page = readFileSync(join(rulesDirectory, rule, 'README.md'), 'utf8');
    } catch {
      continue;
    }
    let block = 0;
    for (const match of page.matchAll(/```(ts|typescript|tsx)\n([\s\S]*?)```/g)) {
      block++;
      const extension = match[1] === 'tsx' ? 'tsx' : 'ts';
      files.push({
        path: join(EXAMPLE_APP, 'src', 'features', 'docs', `${rule}-${block}.${extension}`),
        origin: `rules/${rule}/README.md#${block}`,
        text: match[2],
      });
    }
  }
  return files;
}

export function loadCorpus(): CorpusFile[] {
  const onDisk = [...sourcesUnder(join(REPO_ROOT, 'test', 'fixtures')), ...sourcesUnder(join(EXAMPLE_APP, 'src'))].map((path) => ({
    path,
    origin: relative(REPO_ROOT, path),
    text: readFileSync(path, 'utf8'),
  }));
  return [...onDisk, ...docsBlocks()];
}
