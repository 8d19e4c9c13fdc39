/**
 * Writing a fixed file without ever losing code: the new text goes to a temporary file beside the target (same
 * folder, so the same file system), with the target's permissions, and is renamed over it in one step. A crash leaves
 * the old file or the new one, never half of either. The target is read again first: if it changed since the
 * codemod read it, or if it is read-only, nothing is written. A symbolic link is followed, so the link stays a link.
 */
import { randomBytes } from 'node:crypto';
import { readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeAtomically(file: string, text: string, expected: string): Promise<void> {
  const target = await realpath(file);
  const current = await readFile(target, 'utf8');
  if (current !== expected) throw new Error('the file changed on disk while the codemod ran; run it again');
  const { mode } = await stat(target);
  // Renaming over a file needs only the folder to be writable: a read-only file says it must not be changed.
  if ((mode & 0o222) === 0) throw new Error('the file is read-only');
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.leakproof-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
