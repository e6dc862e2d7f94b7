/** The virtual tree: reads through to disk, keeps writes in memory, reports the change list. */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { GenerateError, type FileChange, type Tree } from './types.js';

export class VirtualTree implements Tree {
  private readonly written = new Map<string, string>();
  private readonly original = new Map<string, string | undefined>();

  constructor(readonly root: string) {}

  exists(path: string): boolean {
    const key = this.key(path);
    return this.written.has(key) || existsSync(join(this.root, key));
  }

  read(path: string): string | undefined {
    const key = this.key(path);
    if (this.written.has(key)) return this.written.get(key);
    return this.readDisk(key);
  }

  write(path: string, content: string): void {
    const key = this.key(path);
    if (!this.original.has(key)) this.original.set(key, this.readDisk(key));
    this.written.set(key, content);
  }

  changes(): FileChange[] {
    return [...this.written.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, after]) => {
        const before = this.original.get(path);
        const kind = before === undefined ? 'create' : before === after ? 'skip' : 'update';
        return { path, kind, before, after };
      });
  }

  /** Project-relative, forward-slash path; refuses anything that would leave the project root. */
  private key(path: string): string {
    const absolute = isAbsolute(path) ? normalize(path) : resolve(this.root, path);
    const relativePath = relative(this.root, absolute);
    if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) {
      throw new GenerateError(`Refusing to write ${path}: it is outside the project root ${this.root}.`, 2);
    }
    return relativePath.split(sep).join('/');
  }

  private readDisk(key: string): string | undefined {
    try {
      return readFileSync(join(this.root, key), 'utf8');
    } catch {
      return undefined;
    }
  }
}
