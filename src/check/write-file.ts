/**
 * Replaces a file's content atomically: the new text goes to a temp file in the same folder (same
 * file system, so the rename is atomic), flushed to disk, given the original's mode (and owner, when
 * allowed), then renamed over it. Readers see the old file or the new one, never half of either; if
 * anything fails, the temp file is removed and the original is untouched.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file operations used, so tests can make one fail (CI runs as root: permissions do not stop it). */
export type WriteFs = Pick<typeof nodeFs, 'realpathSync' | 'statSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'fchmodSync' | 'fchownSync' | 'renameSync' | 'rmSync'>;

export class WriteError extends Error {}

export function writeFileAtomically(path: string, content: string, fs: WriteFs = nodeFs): void {
  let temp: string | undefined;
  try {
    // Through a symbolic link to the file it points to (renaming over the link would replace the link).
    const target = fs.realpathSync(path);
    const stat = fs.statSync(target);
    temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.igniter-rt.tmp`);
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      // writeSync may write less than asked (a full disk, a file-size limit): loop, so an error surfaces.
      const bytes = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < bytes.length; ) {
        const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
        if (written <= 0) throw new Error('the file system accepted no more bytes');
        offset += written;
      }
      fs.fchmodSync(fd, stat.mode & 0o7777);
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) {
        try {
          fs.fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Only root may give a file away: otherwise the fixed file belongs to whoever ran the fix.
        }
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    if (temp) {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing more to do: the message below is what matters
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new WriteError(`cannot write ${path} (${reason}); it is unchanged.`);
  }
}
