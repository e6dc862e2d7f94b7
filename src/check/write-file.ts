/**
 * `check --fix` replaces a file's content through the shared atomic writer (src/fs/atomic-write.ts:
 * temp file in the same folder, flushed, mode, owner and byte order mark kept, renamed over the
 * original; through a symbolic link; temp files a killed run left there removed). If anything fails, the temp file is removed, the original is
 * untouched, and the error says so.
 */
import { basename, dirname } from 'node:path';
import { removeStaleWorkFiles, writeFileAtomically as writeAtomically, type WriteFs } from '../fs/atomic-write.js';

export type { WriteFs };

export class WriteError extends Error {}

export function writeFileAtomically(path: string, content: string, fs?: WriteFs): void {
  try {
    // What a killed run left next to this file (its pid no longer runs).
    removeStaleWorkFiles(dirname(path), [basename(path)]);
    writeAtomically(path, content, { fs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WriteError(`cannot write ${path} (${reason}); it is unchanged.`);
  }
}
