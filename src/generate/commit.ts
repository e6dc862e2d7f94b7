/**
 * Writes a generator's change list through the shared atomic writer (src/fs/atomic-write.ts): each
 * file to a temp file renamed into place, new files before edits, all or nothing for the list, and
 * the temp and backup files of killed runs removed by the next one. Failures become GenerateErrors.
 */
import { AtomicWriteError, removeStaleWorkFiles, writeFilesAtomically, type WriteHooks } from '../fs/atomic-write.js';
import { GenerateError, type FileChange } from './types.js';

export type CommitHooks = WriteHooks;
export { removeStaleWorkFiles };

export function commitChanges(root: string, changes: readonly FileChange[], hooks: CommitHooks = {}): void {
  // A `create` has no `before` (tree.ts), so the writer's order (new files first) is the change kinds'.
  const writes = changes.filter((change) => change.kind !== 'skip').map((change) => ({ path: change.path, before: change.before, after: change.after }));
  try {
    writeFilesAtomically(root, writes, hooks);
  } catch (error) {
    if (error instanceof AtomicWriteError) throw new GenerateError(error.message);
    throw error;
  }
}
