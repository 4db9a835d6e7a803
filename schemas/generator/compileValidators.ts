// Compiles the bundled schemas into standalone ajv validators under server/src/validation/compiled/
// (build output, not committed). Run by scripts/build.mjs before bundling; a validator is rewritten
// only when its schema changed, so repeated builds cost a hash, not ajv's seconds of compile time.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { compileStandalone, VALIDATOR_DECLARATION } from './standalone';

const PROJECT = resolvePath(__dirname, '../..');
const OUT = join(PROJECT, 'server/src/validation/compiled');

export function compileValidators(): string[] {
  mkdirSync(OUT, { recursive: true });
  const report: string[] = [];
  for (const kind of ['vapi', 'insighto']) {
    const text = readFileSync(join(PROJECT, `schemas/${kind}-assistant.schema.json`), 'utf8');
    const stamp = `// schema sha256 ${createHash('sha256').update(text).digest('hex')}\n`;
    const target = join(OUT, `${kind}-assistant.validate.js`);
    if (existsSync(target) && readFileSync(target, 'utf8').startsWith(stamp)) continue;
    const { code, compileMs } = compileStandalone(JSON.parse(text));
    writeFileSync(target, stamp + code);
    writeFileSync(join(OUT, `${kind}-assistant.validate.d.ts`), VALIDATOR_DECLARATION);
    report.push(`${kind}: ajv compile ${compileMs.toFixed(0)} ms, ${code.length} bytes`);
  }
  return report;
}

if (require.main === module) {
  const report = compileValidators();
  if (report.length) console.log(`standalone validators: ${report.join('; ')}`);
}
