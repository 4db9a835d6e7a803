// Where a file is in the workspace, by real path: a symbolic link (the file itself, or a folder on the way)
// that leads out of the workspace is out of the workspace, whatever its name says.
import { lstat, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { SyncError } from './errors';

/** The real path of a file that may not exist yet: its deepest existing ancestor, resolved, plus the rest. */
async function realPathOf(filePath: string): Promise<string> {
  const absolute = path.resolve(filePath);
  const rest: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      // A link whose target is missing exists but has no real path: writing through it would create its target.
      if (await lstat(current).then((stats) => stats.isSymbolicLink(), () => false)) {
        throw new SyncError('config', `${filePath}: ${current} is a symbolic link to a missing file; refusing to write through it.`);
      }
      if (path.dirname(current) === current) return absolute;
      rest.push(path.basename(current));
    }
  }
}

export interface WorkspaceFile {
  /** The file's key in the state file: relative to the workspace, with forward slashes. */
  key: string;
  /** Where the file really is (symbolic links resolved): the path to read and write. */
  realPath: string;
}

/**
 * The file's place in the workspace; a SyncError ('config') if it is outside it, by name or through a link.
 * A folder (`folder: true`) may be the workspace itself, key ''.
 */
export async function workspaceFile(workspaceRoot: string, filePath: string, options: { folder?: boolean } = {}): Promise<WorkspaceFile> {
  const outside = (detail = '') =>
    new SyncError('config', `${filePath} is outside the workspace ${workspaceRoot}${detail}; links are stored relative to it.`);
  const inside = (relative: string) => (relative !== '' || options.folder === true) && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  if (!inside(path.relative(path.resolve(workspaceRoot), path.resolve(filePath)))) throw outside();
  const realRoot = await realPathOf(workspaceRoot);
  const realPath = await realPathOf(filePath);
  const relative = path.relative(realRoot, realPath);
  if (!inside(relative)) throw outside(` (it leads to ${realPath} through a symbolic link)`);
  return { key: relative.split(path.sep).join('/'), realPath };
}
