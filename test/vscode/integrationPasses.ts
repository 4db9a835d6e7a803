// What both integration runners (code-server here, @vscode/test-electron elsewhere) share: the local API
// server with a per-run key, and per pass a fresh profile whose user settings point the 'local' environment
// at it, a fresh copy of the fixture workspace, and the environment the suites read.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { modifiedDocument } from '../live/liveApi';
import { startMockApi } from '../mock-api/server';
import { copyDir, createProfile, outputDir, root, type VsCodeProfile } from './codeServer';

export const testsEntry = path.join(root, 'dist/test/integration/index.js');
const fixtures = path.join(root, 'test/integration/fixtures');

/**
 * 'trusted' runs every suite in a trusted workspace; 'untrusted' runs the Restricted Mode suite; 'view' runs
 * the sync view's suite in a workspace of its own against an empty org (it counts the whole org).
 */
export type PassName = 'trusted' | 'untrusted' | 'view';
export const passNames = (process.env.ASSISTANT_TEST_PASSES ?? 'trusted,untrusted,view').split(',') as PassName[];
const fixtureWorkspaces: Record<PassName, string> = { trusted: 'workspace', untrusted: 'workspace', view: 'view-workspace' };

export interface Pass {
  name: PassName;
  dir: string;
  profile: VsCodeProfile;
  workspace: string;
  /** Environment variables for the extension host. */
  env: Record<string, string>;
  /** Reads the suites' summary after the run; undefined if they never got to write it. */
  results(): { passed: string[]; failed: { title: string; error: string }[] } | undefined;
}

export function preparePass(name: PassName, apiUrls: { vapi: string; insighto: string }, apiKey: string): Pass {
  const dir = path.join(outputDir, 'integration', name);
  const environments = { local: { vendor: 'vapi', baseUrl: apiUrls.vapi }, 'local-insighto': { vendor: 'insighto', baseUrl: apiUrls.insighto } };
  const profile = createProfile(dir, { 'assistantConfig.environments': environments });
  const workspace = path.join(dir, 'workspace');
  copyDir(path.join(fixtures, fixtureWorkspaces[name]), workspace);
  const resultsFile = path.join(dir, 'results.json');
  return {
    name,
    dir,
    profile,
    workspace,
    env: {
      ASSISTANT_TEST_API: apiUrls.vapi,
      ASSISTANT_TEST_INSIGHTO_API: apiUrls.insighto,
      ASSISTANT_TEST_API_KEY: apiKey,
      ASSISTANT_TEST_SUITES: name,
      ASSISTANT_TEST_RESULTS: resultsFile,
    },
    results: () => (fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined),
  };
}

/**
 * Runs every pass against one local API server and returns whether all passed. The Restricted Mode pass
 * also fails if the API saw any request that changes something.
 */
export async function runPasses(run: (pass: Pass) => Promise<boolean>): Promise<boolean> {
  if (!fs.existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`npm run build\` first.`);
  const apiKey = `test-${randomBytes(12).toString('hex')}`;
  // /api-json serves a live document that differs from the bundled schema (test/live/liveApi.ts), for Update Schemas.
  const api = await startMockApi({ vapiKey: apiKey, insightoKey: apiKey, openApiDocument: modifiedDocument() });
  let ok = true;
  try {
    for (const name of passNames) {
      if (name === 'view') for (const store of Object.values(api.stores)) store.items.clear();
      const before = api.mutatingRequests().length;
      const pass = preparePass(name, { vapi: api.vapiUrl, insighto: api.insightoUrl }, apiKey);
      const passed = await run(pass);
      const results = pass.results();
      console.log(`[${name}] ${results ? `${results.passed.length} passed, ${results.failed.length} failed` : 'the suites wrote no results'}`);
      for (const failure of results?.failed ?? []) console.log(`  FAILED ${failure.title}\n    ${failure.error.split('\n').slice(0, 8).join('\n    ')}`);
      const activation = path.join(pass.dir, 'activation.json');
      if (fs.existsSync(activation)) {
        type Times = { loadCodeMs: number; callActivateMs: number; finishActivateMs: number };
        const { others = {}, ...ours }: Times & { others?: Record<string, Times> } = JSON.parse(fs.readFileSync(activation, 'utf8'));
        const shown = (times: Times) =>
          `load code ${times.loadCodeMs} ms + call activate ${times.callActivateMs} ms + finish activate ${times.finishActivateMs} ms = ${times.loadCodeMs + times.callActivateMs + times.finishActivateMs} ms`;
        console.log(`[${name}] activation (VS Code's timers): ${shown(ours)}`);
        // The peer: VS Code's JSON extension bundles the same language client (activation.json lists the others).
        const peer = others['vscode.json-language-features'];
        if (peer) console.log(`[${name}]   for scale, vscode.json-language-features in the same window: ${shown(peer)}`);
      }
      const leaks = filesContaining(apiKey, [path.join(pass.profile.userDataDir, 'logs'), pass.workspace, ...logFiles(pass.dir)]);
      if (leaks.length) console.log(`[${name}] FAILED: the API key appears in ${leaks.join(', ')}`);
      const changes = api.mutatingRequests().length - before;
      if (name === 'untrusted' && changes !== 0) console.log(`[untrusted] FAILED: the API received ${changes} changing request(s) from Restricted Mode`);
      ok = ok && passed && results !== undefined && results.failed.length === 0 && leaks.length === 0 && !(name === 'untrusted' && changes !== 0);
    }
  } finally {
    await api.stop();
  }
  console.log(ok ? 'Integration tests passed.' : 'Integration tests FAILED.');
  return ok;
}

/** The runner's own logs in a pass directory (code-server's, the extension host's forwarded console). */
function logFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.endsWith('.log')).map((name) => path.join(dir, name));
}

/** Files under `roots` whose content contains `secret`: logs, state files and settings must never hold a key. */
function filesContaining(secret: string, roots: string[]): string[] {
  const found: string[] = [];
  const visit = (file: string) => {
    if (!fs.existsSync(file)) return;
    if (fs.statSync(file).isDirectory()) for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    else if (fs.readFileSync(file).includes(secret)) found.push(path.relative(outputDir, file));
  };
  for (const root of roots) visit(root);
  return found;
}
