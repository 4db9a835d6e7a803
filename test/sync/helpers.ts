// Shared set-up for the sync and CLI tests: a mock API, a throwaway workspace, contexts that record logs.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateFile } from '../../core/src/validation';
import type { LocalFile, SyncContext, Vendor } from '../../sync/src/index';
import { startMockApi, type MockApi } from '../mock-api/server';

/** Keys distinctive enough that a grep for them cannot match anything by accident. */
export const keys: Record<Vendor, string> = {
  vapi: 'sk-vapi-SECRET-7f3a9c41d2',
  insighto: 'in-SECRET-insighto-51be90aa',
};

export interface Harness {
  api: MockApi;
  root: string;
  /** Every log line any context of this harness produced. */
  logs: string[];
  ctx(vendor: Vendor, overrides?: Partial<SyncContext>): SyncContext;
  file(name: string, content: unknown): Promise<LocalFile>;
  read(name: string): Promise<string>;
  state(): Promise<string>;
  /** Empties the local API (every collection of both vendors, its request log and its faults) between tests. */
  reset(): void;
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const api = await startMockApi({ vapiKey: keys.vapi, insightoKey: keys.insighto });
  const root = await mkdtemp(path.join(tmpdir(), 'assistant-config-'));
  await mkdir(path.join(root, '.git'));
  const logs: string[] = [];
  return {
    api,
    root,
    logs,
    ctx: (vendor, overrides = {}) => ({
      env: { name: vendor === 'vapi' ? 'dev' : 'ins', vendor, baseUrl: vendor === 'vapi' ? api.vapiUrl : api.insightoUrl },
      apiKey: keys[vendor],
      workspaceRoot: root,
      logger: {
        info: (line) => logs.push(`info ${line}`),
        warn: (line) => logs.push(`warn ${line}`),
        error: (line) => logs.push(`error ${line}`),
      },
      timeoutMs: 2000,
      retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 3000 },
      ...overrides,
      validate: overrides.validate ?? validateFile,
    }),
    async file(name, content) {
      const filePath = path.join(root, name);
      await mkdir(path.dirname(filePath), { recursive: true });
      const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n';
      await writeFile(filePath, text);
      return { path: filePath, text };
    },
    read: (name) => readFile(path.join(root, name), 'utf8'),
    state: () => readFile(path.join(root, '.assistant-config', 'state.json'), 'utf8'),
    reset() {
      for (const store of Object.values(api.stores)) store.items.clear();
      api.requests.length = 0;
      api.faults.clear();
    },
    async close() {
      await api.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A valid current-shape Vapi assistant. */
export function vapiAssistant(name = 'Front Desk'): Record<string, unknown> {
  return {
    name,
    firstMessage: 'Thanks for calling Riverside Dental. How can I help?',
    model: {
      provider: 'openai',
      model: 'gpt-4o',
      temperature: 0.4,
      messages: [{ role: 'system', content: 'You are Ava, the receptionist.' }],
    },
    voice: { provider: '11labs', voiceId: 'burt', stability: 0.5, similarityBoost: 0.75 },
    transcriber: { provider: 'deepgram', model: 'nova-3', language: 'en' },
    endCallPhrases: ['goodbye'],
    maxDurationSeconds: 600,
  };
}

/** A valid Vapi function tool. */
export function vapiFunctionTool(name = 'lookup_order'): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name,
      description: 'Looks up an order by its number.',
      parameters: { type: 'object', properties: { orderNumber: { type: 'string' } }, required: ['orderNumber'] },
    },
    server: { url: 'https://example.com/vapi/tools' },
  };
}

/** A valid Insighto assistant (seed 003's create body). */
export function insightoAssistant(name = 'Order Bot'): Record<string, unknown> {
  return {
    assistant_type: 'phone',
    llm_model: 'gpt-4o-mini',
    name,
    description: 'Answers order status questions',
    system_prompt: 'You help customers track orders.',
    voice: true,
    voice_languages: ['en-US'],
    use_tools: false,
  };
}

/** 2 assistants, 3 tools, 1 squad, 1 structured output, linked by references. */
export async function sevenFiles(h: Harness, under = ''): Promise<void> {
  const at = (name: string) => path.posix.join(under, name);
  await h.file(at('tools/lookup.tool.json'), vapiFunctionTool('lookup_order'));
  await h.file(at('tools/refund.tool.json'), vapiFunctionTool('refund'));
  await h.file(at('tools/hours.tool.json'), vapiFunctionTool('opening_hours'));
  await h.file(at('structured-outputs/outcome.structured-output.json'), { name: 'outcome', schema: { type: 'string' } });
  await h.file(at('assistants/desk.assistant.json'), {
    ...vapiAssistant('Front Desk'),
    model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/lookup.tool.json', '../tools/hours.tool.json'] },
    artifactPlan: { structuredOutputIds: ['../structured-outputs/outcome.structured-output.json'] },
  });
  await h.file(at('assistants/billing.assistant.json'), { ...vapiAssistant('Billing'), model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/refund.tool.json'] } });
  await h.file(at('squads/support.squad.json'), { name: 'Support', members: [{ assistantId: '../assistants/desk.assistant.json' }, { assistantId: '../assistants/billing.assistant.json' }] });
}
