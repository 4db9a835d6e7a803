// Writing a file so that a crash or a kill -9 at any moment leaves either the old file or the new one, never
// part of one: the text goes to a temporary file in the same folder, is flushed to disk, and replaces the
// target with one rename (atomic within a file system); the folder is then flushed so the rename lasts.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** `.<name>.<pid>.<random>.tmp`: hidden, and never matching a resource file pattern. */
function temporaryName(target: string): string {
  return `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of earlier writes of `target` whose process died mid-write (killed before its rename). */
async function removeLeftovers(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && Number(match[1]) !== process.pid && !isRunning(Number(match[1]))) await rm(path.join(folder, name), { force: true });
  }
}

/** Replaces `target` with `text` atomically; a new file gets default permissions, an existing one keeps its mode. */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const folder = path.dirname(target);
  const mode = await stat(target).then(
    (stats) => stats.mode & 0o7777,
    () => 0o666,
  );
  const temporary = path.join(folder, temporaryName(target));
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  try {
    const directory = await open(folder, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  } catch {
    // Folders cannot be opened for syncing on Windows, where a rename is durable once it returns.
  }
  await removeLeftovers(target);
}
