// The CLI's line diff on large files: time and memory grow with the file and the number of changed lines,
// not with the square of the line count (a table of every line pair took 1.6 GB and 8 s at 20,000 lines).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lineDiff } from '../../cli/src/output';

const projectRoot = path.resolve(__dirname, '../..');

function lines(count: number, seed: number): string {
  return Array.from({ length: count }, (_, i) => `    "key${i}": "value ${(i * seed) % 97}",`).join('\n');
}

/** Runs lineDiff in a fresh process and returns its peak memory (resident set, MB) and time. */
function measured(script: string): Promise<{ ms: number; maxRssMb: number; out: string }> {
  const program = `const { lineDiff } = require(${JSON.stringify(path.join(projectRoot, 'cli/src/output.ts'))});
${lines.toString()}
const started = performance.now();
const out = ${script};
process.stdout.write(JSON.stringify({ ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, out: out.slice(0, 2000) }));`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', '-e', program], { cwd: projectRoot, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout)),
    ),
  );
}

describe('line diff', () => {
  it('shows changed lines with three lines of context and elides the rest', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n');
    assert.equal(lineDiff('live', before, 'file', after), ['--- live', '+++ file', '  …', '  b', '  c', '  d', '- e', '+ E', '  f', '  g', '  h', '  …', '  i', '  j', '+ k'].join('\n').replace('  h\n  …\n  i', '  h\n  i'));
    assert.equal(lineDiff('live', before, 'file', before), '--- live\n+++ file\n  …');
  });

  it('diffs 20,000 lines with a few changes in well under a second and a few tens of MB', async () => {
    const { ms, maxRssMb, out } = await measured(
      `lineDiff('live', lines(20000, 1), 'file', lines(20000, 1).split('\\n').map((l, i) => (i % 5000 === 0 ? l + ' // changed' : l)).join('\\n'))`,
    );
    assert.match(out, /^- {5}"key0": "value 0",\n\+ {5}"key0": "value 0", \/\/ changed$/m);
    assert.ok(ms < 500, `${Math.round(ms)} ms`);
    // A fresh Node process with tsx starts at about 60 MB.
    assert.ok(maxRssMb < 130, `${Math.round(maxRssMb)} MB`);
  });

  it('bounds the cost of texts that differ on every line (shown as one replacement)', async () => {
    const { ms, maxRssMb, out } = await measured(`lineDiff('live', lines(20000, 1), 'file', lines(20000, 3))`);
    assert.match(out, /^--- live\n\+\+\+ file\n {6}"key0": "value 0",\n- {5}"key1": "value 1",\n/);
    assert.ok(ms < 1500, `${Math.round(ms)} ms`);
    assert.ok(maxRssMb < 160, `${Math.round(maxRssMb)} MB`);
  });
});
