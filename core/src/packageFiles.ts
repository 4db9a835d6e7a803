// Files the package ships beside its code: schemas/, snippets/. dist/server.js finds the package's folders,
// the sources find the project's: the nearest such folder beside this file or above it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The path of `folder/name` in the nearest `folder` at or above this file's directory, or undefined. */
export function packageFile(folder: string, name: string): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, folder, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
