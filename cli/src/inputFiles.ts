// The files a command is given: a name that is not a readable file is a usage error, said as `file: message`.
import { readFile, stat } from 'node:fs/promises';

/** A mistake in the command line itself (exit 2); its message is what the user reads. */
export class UsageError extends Error {}

/** Why `file` cannot be read as a file, in the words of `file: message`; undefined when it can. */
export async function unreadable(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).isDirectory()) return `${file}: is a folder, not a file`;
    return undefined;
  } catch (error) {
    return `${file}: ${reason(error)}`;
  }
}

/** The text of a file the user named. */
export async function readInputFile(file: string): Promise<string> {
  const problem = await unreadable(file);
  if (problem) throw new UsageError(problem);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${reason(error)}`);
  }
}

/** An output file's name must not be a folder. */
export async function checkOutputFile(file: string): Promise<void> {
  const isFolder = await stat(file).then((stats) => stats.isDirectory(), () => false);
  if (isFolder) throw new UsageError(`${file}: is a folder, not a file`);
}

function reason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'no such file (a part of the path is not a folder)';
    default:
      return `cannot read (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
