// Measures, through the protocol, what a user waits for on the large assistant fixture:
//   npm run build && node --import tsx test/server/latency.ts [runs]
// Not a test (timings depend on the machine); the numbers go into notes/server.md.
import * as path from 'node:path';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { LspClient, cursor } from '../helpers/lspClient';
import { fixturesDir, largeAssistant } from './fixtures';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(runs: number) {
  const raw = largeAssistant();
  const hoverAt = cursor(raw.replace('"provider"', '"provi|der"'));
  const completeAt = cursor(raw.replace('"voice": {', '"voice": {|'));
  const firstDiagnostics: number[] = [];
  const firstDiagnosticsIdle: number[] = [];
  const afterEdit: number[] = [];
  const hover: number[] = [];
  const completion: number[] = [];
  for (let run = 0; run < runs; run++) {
    const client = await LspClient.start();
    // On even runs the server gets half a second after initialize (an editor still starting up).
    const idle = run % 2 === 0;
    if (idle) await new Promise((resolve) => setTimeout(resolve, 500));
    let started = performance.now();
    const doc = await client.open(hoverAt.text);
    await client.waitForDiagnostics(doc);
    (idle ? firstDiagnosticsIdle : firstDiagnostics).push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the user reads before typing
    for (const [times, request, position] of [
      [hover, HoverRequest.method, hoverAt.position],
      [completion, CompletionRequest.method, completeAt.position],
    ] as const) {
      started = performance.now();
      await client.request(request, { textDocument: { uri: doc.uri }, position });
      times.push(performance.now() - started);
    }
    started = performance.now();
    await client.change(doc, `${hoverAt.text}\n`);
    await client.waitForDiagnostics(doc);
    afterEdit.push(performance.now() - started);
    await client.stop();
  }
  const file = path.relative(process.cwd(), path.join(fixturesDir, 'large.assistant.json'));
  const tools = (JSON.parse(raw) as { model: { tools: unknown[] } }).model.tools.length;
  console.log(`${file}: ${raw.length} characters, ${tools} tools; medians over ${runs} fresh servers`);
  console.log(`time to first diagnostics, didOpen right after initialized: ${ms(median(firstDiagnostics))} (min ${ms(Math.min(...firstDiagnostics))})`);
  console.log(`time to first diagnostics, didOpen 500 ms after initialized: ${ms(median(firstDiagnosticsIdle))} (min ${ms(Math.min(...firstDiagnosticsIdle))})`);
  console.log(`first hover: ${ms(median(hover))}; first completion: ${ms(median(completion))}`);
  console.log(`diagnostics after a lone edit (validated at once): ${ms(median(afterEdit))}`);
}

void main(Number(process.argv[2] ?? 10));
