// The product's version, from the package.json of the package this file runs from (dist/ bundles and the
// sources alike find it beside themselves or above, as they find the schemas).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const packageName = 'assistant-config';

export function productVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === packageName && version) return version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
