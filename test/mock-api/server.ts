// A local stand-in for the Vapi and Insighto APIs, on 127.0.0.1 and an ephemeral port. Vapi is served at
// the root (`/assistant`, `/tool`, `/squad`, `/structured-output`), Insighto under `/api/v1`
// (`/api/v1/assistant`).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ResourceKind } from '../../core/src/kinds';
import { FaultQueue } from './faults';
import { handleInsighto, insightoError } from './insighto';
import { ResourceStore } from './store';
import { handleVapi, vapiError, type VapiStores } from './vapi';

export type MockVendor = 'vapi' | 'insighto';

export interface MockRequest {
  method: string;
  /** Path below the vendor's base URL, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  json: unknown;
}

export interface MockResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  vendor: MockVendor;
  method: string;
  path: string;
  status: number | 'dropped' | 'hung' | 'lost';
  body: unknown;
}

export interface MockApiOptions {
  /** The only keys accepted; when absent, any non-empty key is. */
  vapiKey?: string;
  insightoKey?: string;
  port?: number;
  /** Served at GET /api-json without a key, as Vapi serves its OpenAPI document (the live schema's source). */
  openApiDocument?: string;
}

export interface MockApi {
  vapiUrl: string;
  insightoUrl: string;
  /**
   * The stores behind the collections: each vendor's assistants (`vapi`, `insighto`) and Vapi's other
   * resources (`tool`, `squad`, `structured-output`).
   */
  stores: MockStores;
  faults: FaultQueue;
  /** Every request in arrival order (key-bearing query strings are not kept). */
  requests: RecordedRequest[];
  /** Requests that can change something (anything but GET). */
  mutatingRequests(): RecordedRequest[];
  stop(): Promise<void>;
}

export interface MockStores {
  vapi: ResourceStore;
  insighto: ResourceStore;
  tool: ResourceStore;
  squad: ResourceStore;
  'structured-output': ResourceStore;
}

/** The store that holds a kind's resources. */
export function storeOf(stores: MockStores, kind: ResourceKind): ResourceStore {
  return kind.resource === 'assistant' ? stores[kind.vendor] : stores[kind.resource];
}

const insightoPrefix = '/api/v1';

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const stores: MockStores = { vapi: new ResourceStore(), insighto: new ResourceStore(), tool: new ResourceStore(), squad: new ResourceStore(), 'structured-output': new ResourceStore() };
  const vapiStores: VapiStores = { assistant: stores.vapi, tool: stores.tool, squad: stores.squad, 'structured-output': stores['structured-output'] };
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((incoming, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      void (async () => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
        const vendor: MockVendor = url.pathname.startsWith(insightoPrefix + '/') ? 'insighto' : 'vapi';
        const path = vendor === 'insighto' ? url.pathname.slice(insightoPrefix.length) : url.pathname;
        const method = incoming.method ?? 'GET';
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const record: RecordedRequest = { vendor, method, path, status: 0, body: json };
        requests.push(record);
        const request: MockRequest = { method, path, query: url.searchParams, headers: incoming.headers, json };
        const handle = () =>
          vendor === 'vapi' ? handleVapi(vapiStores, request, options.vapiKey) : handleInsighto(stores.insighto, request, options.insightoKey);

        const fault = faults.take(vendor, method, path);
        if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (fault?.kind === 'drop' || fault?.kind === 'lose-response') {
          if (fault.kind === 'lose-response') handle();
          record.status = fault.kind === 'drop' ? 'dropped' : 'lost';
          incoming.socket.destroy();
          return;
        }
        if (fault?.kind === 'hang') {
          record.status = 'hung';
          return;
        }
        let response: MockResponse;
        if (fault?.kind === 'reject') {
          response =
            vendor === 'vapi'
              ? vapiError(400, fault.messages)
              : insightoError(422, fault.messages.map((message) => {
                  const [path, ...words] = message.split(' ');
                  return { loc: ['body', ...path.split('.')], msg: words.join(' '), type: 'value_error' };
                }));
        } else if (fault?.kind === 'status') {
          const message = fault.status === 429 ? 'Too Many Requests' : 'Internal Server Error';
          response = vendor === 'vapi' ? vapiError(fault.status, message) : insightoError(fault.status, message);
          if (fault.retryAfter !== undefined) response.headers = { 'retry-after': fault.retryAfter };
        } else if (vendor === 'vapi' && method === 'GET' && path === '/api-json' && options.openApiDocument !== undefined) {
          record.status = 200;
          outgoing.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          outgoing.end(options.openApiDocument);
          return;
        } else {
          response = handle();
        }
        record.status = response.status;
        outgoing.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
        outgoing.end(JSON.stringify(response.body));
      })();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    vapiUrl: base,
    insightoUrl: base + insightoPrefix,
    stores,
    faults,
    requests,
    mutatingRequests: () => requests.filter((request) => request.method !== 'GET'),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
