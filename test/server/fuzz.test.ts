// Seeded fuzzing of the standalone server over LSP: realistic resource files are mutated at random (typing,
// deleting, pasting, out-of-range positions, deep nesting, huge strings, lone surrogates) while completion,
// hover, code actions, symbols, formatting and the other features are asked in between. The server must stay
// up, answer every request within 5 s (refusing only what LSP calls invalid), never publish a diagnostic or
// return a range outside the document it was computed for, and keep its memory bounded.
// FUZZ_SEED=<n> replays a run; FUZZ_MUTATIONS=<n> changes its length (10,000 in the suite).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  LogMessageNotification,
  LSPErrorCodes,
  MessageType,
  SelectionRangeRequest,
  SemanticTokensRequest,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, projectRoot, type OpenDocument } from '../helpers/lspClient';
import { seededRandom } from '../helpers/seededRandom';

const seed = Number(process.env.FUZZ_SEED ?? 20261202);
const mutations = Number(process.env.FUZZ_MUTATIONS ?? 10_000);
const answerWithinMs = 5000;
/** A document is put back to a realistic file when it grows past this (a huge string or paste makes it grow). */
const maxDocumentChars = 400_000;

const fixture = (...parts: string[]) => readFileSync(path.join(projectRoot, ...parts), 'utf8');
/** Realistic files of every kind, under the names that make them that kind. */
const baseFiles: { name: string; text: string }[] = [
  { name: 'desk.assistant.json', text: fixture('test/fixtures/seed-000.assistant.json') },
  { name: 'sales.assistant.json', text: fixture('test/fixtures/seed-001.assistant.json') },
  { name: 'survey.assistant.json', text: fixture('test/fixtures/seed-004.assistant.json') },
  { name: 'orders.insighto.assistant.json', text: fixture('test/fixtures/seed-003.insighto.assistant.json') },
  { name: 'large.assistant.json', text: fixture('test/fixtures/large.assistant.json') },
  { name: 'reminder.assistant.json', text: fixture('examples/appointment-reminder.assistant.json') },
  { name: 'legacy.assistant.json', text: fixture('examples/legacy-shape.assistant.json') },
  { name: 'lookup.tool.json', text: fixture('examples/support-squad/tools/lookup-order.tool.json') },
  { name: 'support.squad.json', text: fixture('examples/support-squad/squads/support.squad.json') },
  { name: 'outcome.structured-output.json', text: fixture('examples/support-squad/structured-outputs/call-outcome.structured-output.json') },
];

/** What a user types, pastes or an attacker sends, a piece at a time. */
const tokens = [
  '{', '}', '[', ']', '"', ',', ':', ' ', '\n', '\r\n', '\t', '\\', '\\u', '\\uD83D', 'null', 'true', 'false', '0', '-1e999', '1.5',
  '"name": "Desk",', '"model": {', '"provider": "openai"', '"voice": {"provider": "azure", "speed": 9}', '"nmae": 1,', '"$schema": "x",',
  '"serverUrl": "https://example.com",', '"firstMessage": "{{ customer.number | date: \'%H\' }}",', '{% if x %}', '{{', '}}',
  '\uD83D', '\uDE00', '😀', '\u0000', '\u2028', '\uFEFF', 'é', '"\uD800"', '//', '/*', '*/',
];

interface Figures {
  mutations: number;
  requests: number;
  refused: number;
  diagnosticsChecked: number;
  worstLatencyMs: number;
  worstRequest: string;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
}

/** Resident memory of a process, in MB (Linux /proc, else ps). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  } catch {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  }
}

/** The length of each line of a text (the last text's, kept: a publish checks many ranges against one text). */
const lineLengthsOf = (() => {
  let last: { text: string; lengths: number[] } | undefined;
  return (text: string): number[] => {
    if (last?.text !== text) last = { text, lengths: text.split(/\r\n|\r|\n/).map((line) => line.length) };
    return last.lengths;
  };
})();

function insideText(text: string, range: Range | undefined): boolean {
  if (!range) return true;
  const lines = lineLengthsOf(text);
  const ok = (p: Position) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.length && p.character <= lines[p.line];
  return ok(range.start) && ok(range.end) && (range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
}

describe(`fuzzing the language server (seed ${seed}, FUZZ_SEED=${seed} to replay)`, () => {
  let client: LspClient;
  const problems: string[] = [];
  /** Texts of versions not yet covered by a publish, per document, to check diagnostics against. */
  const versions = new Map<string, Map<number, string>>();
  let diagnosticsChecked = 0;

  before(async () => {
    client = await LspClient.start();
    client.connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
      if (type === MessageType.Error) problems.push(`server logged an error: ${message.slice(0, 300)}`);
    });
    client.onPublish((params) => {
      const known = versions.get(params.uri);
      if (!known || params.version === undefined) return;
      const text = known.get(params.version);
      if (text === undefined) {
        problems.push(`diagnostics for ${params.uri} v${params.version}, a version never sent or already superseded`);
        return;
      }
      for (const version of known.keys()) if (version < params.version) known.delete(version);
      for (const diagnostic of params.diagnostics) {
        diagnosticsChecked++;
        if (!insideText(text, diagnostic.range)) problems.push(`diagnostic outside v${params.version} of ${params.uri}: ${JSON.stringify(diagnostic.range)} ${String(diagnostic.message).slice(0, 80)}`);
      }
    });
  });
  after(async () => {
    if (client && !client.exited) await client.stop();
  });

  it(`survives ${mutations} mutations with every feature asked in between: no crash, every answer within 5 s and inside the document, memory bounded`, async (t) => {
    const next = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const int = (below: number) => Math.floor(next() * below);
    const figures: Figures = { mutations: 0, requests: 0, refused: 0, diagnosticsChecked: 0, worstLatencyMs: 0, worstRequest: '', rssStartMb: 0, rssPeakMb: 0, rssEndMb: 0 };
    const latencies = new Map<string, { count: number; totalMs: number; worstMs: number }>();
    const lastDiagnostics = new Map<string, Diagnostic[]>();
    const latestPublished = new Map<string, number>();
    client.onPublish((params) => {
      lastDiagnostics.set(params.uri, params.diagnostics);
      latestPublished.set(params.uri, params.version ?? -1);
    });

    const remember = (doc: OpenDocument) => {
      const known = versions.get(doc.uri) ?? new Map<number, string>();
      known.set(doc.version, doc.text);
      versions.set(doc.uri, known);
    };
    const open = async (): Promise<OpenDocument> => {
      const base = pick(baseFiles);
      const doc = await client.open(base.text, base.name);
      remember(doc);
      return doc;
    };
    const docs: OpenDocument[] = [];
    for (let i = 0; i < 4; i++) docs.push(await open());

    /** Waits for a request's answer, recording its latency; a missing answer or an unexpected error is a problem. */
    const ask = async (what: string, request: Promise<unknown>, invalidParams: boolean): Promise<unknown> => {
      figures.requests++;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), answerWithinMs)));
      const answer = await Promise.race([
        request.then((result) => ({ result }), (error: { code?: number; message?: string }) => ({ error })),
        late,
      ]);
      clearTimeout(timer);
      const ms = performance.now() - started;
      const kind = what.split(' ')[0];
      const stat = latencies.get(kind) ?? { count: 0, totalMs: 0, worstMs: 0 };
      latencies.set(kind, { count: stat.count + 1, totalMs: stat.totalMs + ms, worstMs: Math.max(stat.worstMs, ms) });
      if (ms > figures.worstLatencyMs) [figures.worstLatencyMs, figures.worstRequest] = [ms, what];
      if (answer === 'late') {
        problems.push(`${what}: no answer within ${answerWithinMs} ms`);
        return undefined;
      }
      if ('error' in answer) {
        const { code, message } = answer.error;
        // Formatting refuses a file too deep or too large to format with RequestFailed, whatever else was asked.
        const expected = (invalidParams && code === ErrorCodes.InvalidParams) || (code === LSPErrorCodes.RequestFailed && /format/i.test(what));
        if (expected) figures.refused++;
        else problems.push(`${what}: error ${code} ${String(message).slice(0, 200)}`);
        return undefined;
      }
      if (invalidParams) problems.push(`${what}: invalid parameters were answered instead of refused`);
      return answer.result;
    };

    /** A position: mostly in the document, sometimes past its end (clamped), sometimes no LSP uinteger (refused). */
    const position = (doc: OpenDocument): { position: Position; invalid: boolean } => {
      const roll = next();
      if (roll < 0.06) return { position: pick([{ line: -1, character: 0 }, { line: 0, character: 0.5 }, { line: 2 ** 53, character: 0 }, { line: 0, character: -3 }, { line: 0 } as Position]), invalid: true };
      if (roll < 0.14) return { position: pick([{ line: 1e6, character: 0 }, { line: 0, character: 2 ** 31 - 1 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }]), invalid: false };
      return { position: TextDocument.create(doc.uri, 'json', 0, doc.text).positionAt(int(doc.text.length + 1)), invalid: false };
    };
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

    /** Asks one feature of a document and checks every range in its answer against the text. */
    const askFeature = async (doc: OpenDocument) => {
      const textDocument = { uri: doc.uri };
      const text = doc.text;
      const at = position(doc);
      const other = position(doc);
      const [start, end] = before(at.position, other.position) || at.invalid || other.invalid ? [at.position, other.position] : [other.position, at.position];
      const range = { start, end };
      const rangeInvalid = at.invalid || other.invalid;
      const ranges: Range[] = [];
      switch (int(9)) {
        case 0: {
          const result = (await ask('completion', client.connection.sendRequest(CompletionRequest.type, { textDocument, position: at.position }), at.invalid)) as
            | { items?: unknown[] }
            | unknown[]
            | null
            | undefined;
          const items = (Array.isArray(result) ? result : (result?.items ?? [])) as { textEdit?: { range?: Range; insert?: Range; replace?: Range }; additionalTextEdits?: { range: Range }[] }[];
          for (const item of items) {
            if (item.textEdit) ranges.push(...[item.textEdit.range, item.textEdit.insert, item.textEdit.replace].filter((r): r is Range => !!r));
            for (const edit of item.additionalTextEdits ?? []) ranges.push(edit.range);
          }
          break;
        }
        case 1: {
          const hover = (await ask('hover', client.connection.sendRequest(HoverRequest.type, { textDocument, position: at.position }), at.invalid)) as { range?: Range } | null | undefined;
          if (hover?.range) ranges.push(hover.range);
          break;
        }
        case 2: {
          const diagnostics = lastDiagnostics.get(doc.uri) ?? [];
          const actions = (await ask(
            'codeAction',
            client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: next() < 0.7 ? diagnostics : [], only: next() < 0.2 ? ['source.fixAll'] : undefined } }),
            rangeInvalid,
          )) as { edit?: { changes?: Record<string, { range: Range }[]>; documentChanges?: { edits: { range: Range }[] }[] } }[] | null | undefined;
          for (const action of actions ?? []) {
            for (const edits of Object.values(action.edit?.changes ?? {})) ranges.push(...edits.map((e) => e.range));
            for (const change of action.edit?.documentChanges ?? []) ranges.push(...change.edits.map((e) => e.range));
          }
          break;
        }
        case 3: {
          const symbols = (await ask('documentSymbol', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), false)) as
            | { range?: Range; selectionRange?: Range; location?: { range: Range }; children?: unknown[] }[]
            | null
            | undefined;
          const walk = (list: typeof symbols) => {
            for (const symbol of list ?? []) {
              ranges.push(...[symbol.range, symbol.selectionRange, symbol.location?.range].filter((r): r is Range => !!r));
              walk(symbol.children as typeof symbols);
            }
          };
          walk(symbols);
          break;
        }
        case 4:
        case 5: {
          const options = next() < 0.1 ? pick([{ tabSize: 1e9, insertSpaces: true }, { tabSize: 0, insertSpaces: false }, { tabSize: 2.5, insertSpaces: true }]) : { tabSize: 1 + int(8), insertSpaces: next() < 0.8 };
          const optionsInvalid = options.tabSize < 1 || options.tabSize > 64 || !Number.isInteger(options.tabSize);
          const edits = (await (next() < 0.5
            ? ask('formatting', client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options }), optionsInvalid)
            : ask('rangeFormatting', client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument, range, options }), optionsInvalid || rangeInvalid))) as
            | { range: Range }[]
            | null
            | undefined;
          ranges.push(...(edits ?? []).map((e) => e.range));
          break;
        }
        case 6: {
          const folds = (await ask('foldingRange', client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }), false)) as { startLine: number; endLine: number }[] | null | undefined;
          for (const fold of folds ?? []) ranges.push({ start: { line: fold.startLine, character: 0 }, end: { line: fold.endLine, character: 0 } });
          break;
        }
        case 7: {
          const selections = (await ask('selectionRange', client.connection.sendRequest(SelectionRangeRequest.type, { textDocument, positions: [at.position] }), at.invalid)) as
            | { range: Range; parent?: unknown }[]
            | null
            | undefined;
          for (let selection: { range: Range; parent?: unknown } | undefined = selections?.[0]; selection; selection = selection.parent as typeof selection) ranges.push(selection.range);
          break;
        }
        default:
          await ask('semanticTokens', client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }), false);
      }
      for (const r of ranges) if (!insideText(text, r)) problems.push(`a result range outside the document: ${JSON.stringify(r)} (v${doc.version} of ${doc.uri})`);
    };

    /** One random change to a document, sent as an editor sends it. */
    const mutate = async (index: number) => {
      const doc = docs[index];
      const length = doc.text.length;
      // No edit starts or ends inside a \r\n: an LSP position cannot point there (it means the end of the line).
      const splitsLineBreak = (at: number) => doc.text[at - 1] === '\r' && doc.text[at] === '\n';
      const chosen = int(length + 1);
      const offset = splitsLineBreak(chosen) ? chosen - 1 : chosen;
      const edit = async (at: number, removed: number, inserted: string) =>
        client.edit(doc, at, splitsLineBreak(at + removed) ? removed + 1 : removed, inserted);
      const roll = next();
      if (length > maxDocumentChars || roll < 0.01) {
        await client.change(doc, pick(baseFiles).text);
      } else if (roll < 0.015) {
        await client.close(doc);
        versions.delete(doc.uri);
        docs[index] = await open();
        return;
      } else if (roll < 0.02) {
        await edit(offset, 0, '"' + 'x\u00e9'.repeat(20_000 + int(80_000)) + '"');
      } else if (roll < 0.025) {
        await edit(offset, 0, next() < 0.5 ? '['.repeat(300 + int(3000)) : '{"a":'.repeat(300 + int(1500)));
      } else if (roll < 0.3) {
        await edit(offset, Math.min(length - offset, next() < 0.9 ? int(8) : int(2000)), '');
      } else if (roll < 0.4) {
        const from = int(length + 1);
        await edit(offset, 0, doc.text.slice(from, from + int(400)));
      } else if (roll < 0.5) {
        await edit(offset, Math.min(1, length - offset), String.fromCharCode(32 + int(95)));
      } else {
        await edit(offset, 0, pick(tokens));
      }
      remember(doc);
    };

    /** Every document's problems for its current version arrive within the deadline. */
    const settle = async () => {
      for (const doc of docs) {
        if ((latestPublished.get(doc.uri) ?? -1) >= doc.version) continue;
        try {
          await client.waitForDiagnostics(doc, doc.version, answerWithinMs);
        } catch {
          problems.push(`no diagnostics for v${doc.version} of ${doc.uri} within ${answerWithinMs} ms`);
        }
      }
      client.published.clear();
    };

    await settle();
    figures.rssStartMb = rssMb(client.pid);
    const started = Date.now();
    // Bursts of edits to one document, as typing sends them, each followed (mostly) by a request about it.
    let nextSettle = 500;
    while (figures.mutations < mutations && !client.exited && problems.length < 20) {
      const index = int(docs.length);
      for (let burst = 1 + int(12); burst > 0 && figures.mutations < mutations; burst--, figures.mutations++) await mutate(index);
      for (let asks = int(3); asks > 0; asks--) await askFeature(docs[index]);
      if (figures.mutations >= nextSettle) {
        nextSettle += 500;
        await settle();
        figures.rssPeakMb = Math.max(figures.rssPeakMb, rssMb(client.pid));
      }
    }
    await settle();
    figures.rssEndMb = rssMb(client.pid);
    for (const [kind, stat] of latencies) t.diagnostic(`${kind}: ${stat.count} requests, mean ${(stat.totalMs / stat.count).toFixed(1)} ms, worst ${stat.worstMs.toFixed(0)} ms`);
    figures.rssPeakMb = Math.max(figures.rssPeakMb, figures.rssEndMb);
    figures.diagnosticsChecked = diagnosticsChecked;
    t.diagnostic(
      `fuzz figures (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${figures.mutations} mutations, ${figures.requests} requests (${figures.refused} refused as LSP says), ` +
        `${figures.diagnosticsChecked} diagnostics checked, crashes ${client.exited ? 1 : 0}, hangs ${problems.filter((p) => p.includes('within')).length}, ` +
        `worst latency ${figures.worstLatencyMs.toFixed(0)} ms (${figures.worstRequest}), RSS start ${figures.rssStartMb.toFixed(0)} MB, peak ${figures.rssPeakMb.toFixed(0)} MB, end ${figures.rssEndMb.toFixed(0)} MB`,
    );

    assert.equal(client.exited, false, `the server ended during the run\n${client.stderrText}`);
    assert.deepEqual(problems, [], `FUZZ_SEED=${seed} replays this run`);
    assert.equal(figures.mutations, mutations);
    assert.doesNotMatch(client.stderrText, /Error|Maximum call stack/, 'nothing thrown past the features');
    assert.ok(figures.rssPeakMb < 1024, `the server's memory peaked at ${figures.rssPeakMb.toFixed(0)} MB`);
    assert.ok(figures.rssEndMb < figures.rssStartMb + 400, `the server's memory grew from ${figures.rssStartMb.toFixed(0)} to ${figures.rssEndMb.toFixed(0)} MB`);
    assert.equal(await client.stop(), 0, 'the server exits cleanly after the run');
  });
});
