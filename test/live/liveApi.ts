// A stand-in for Vapi's public OpenAPI document: the newest snapshot under ../shared/vapi-openapi/ with the
// kinds of change a live document brings (a new model name, a new top-level field, a removed field, a new
// tool type), served on 127.0.0.1 by a server the test starts and stops. Every request's headers are kept,
// so a test can show that none carried a key.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const newestSnapshot = path.resolve(__dirname, '../../../shared/vapi-openapi/openapi-2026-08-18.json');

/** What the modified document changes, for the assertions. */
export const liveChanges = {
  modelName: 'gpt-9-live',
  topLevelField: 'liveOnlyGreeting',
  removedField: 'firstMessageInterruptionsEnabled',
  toolType: 'holdMusic',
} as const;

/** The newest snapshot with the changes of `liveChanges`, as text. */
export function modifiedDocument(): string {
  const doc = JSON.parse(readFileSync(newestSnapshot, 'utf8'));
  const schemas = doc.components.schemas;
  schemas.OpenAIModel.properties.model.enum.push(liveChanges.modelName);
  for (const name of ['CreateAssistantDTO', 'UpdateAssistantDTO', 'Assistant']) {
    schemas[name].properties[liveChanges.topLevelField] = { type: 'string', description: 'A greeting only the live document knows.' };
    delete schemas[name].properties[liveChanges.removedField];
  }
  const tool = (extra: object) => ({
    type: 'object',
    properties: {
      type: { type: 'string', enum: [liveChanges.toolType], description: 'The type of tool. "holdMusic" plays music while the caller waits.' },
      musicUrl: { type: 'string', description: 'The music to play.' },
      ...extra,
    },
    required: ['type'],
  });
  schemas.CreateHoldMusicToolDTO = tool({});
  schemas.UpdateHoldMusicToolDTO = tool({});
  schemas.HoldMusicTool = tool({ id: { type: 'string' }, orgId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' } });
  schemas.HoldMusicTool.required = ['type', 'id', 'orgId', 'createdAt', 'updatedAt'];
  const post = doc.paths['/tool'].post.requestBody.content['application/json'].schema;
  post.oneOf.push({ $ref: '#/components/schemas/CreateHoldMusicToolDTO', title: 'HoldMusicTool' });
  if (post.discriminator?.mapping) post.discriminator.mapping[liveChanges.toolType] = '#/components/schemas/CreateHoldMusicToolDTO';
  doc.paths['/tool/{id}'].patch.requestBody.content['application/json'].schema.oneOf.push({ $ref: '#/components/schemas/UpdateHoldMusicToolDTO', title: 'HoldMusicTool' });
  doc.paths['/tool/{id}'].get.responses['200'].content['application/json'].schema.oneOf.push({ $ref: '#/components/schemas/HoldMusicTool', title: 'HoldMusicTool' });
  return JSON.stringify(doc);
}

export interface LiveApi {
  baseUrl: string;
  /** Headers of every request so far. */
  requests: { url: string; headers: IncomingHttpHeaders }[];
  /** What `/api-json` answers from now on. */
  serve(body: string, status?: number): void;
  close(): Promise<void>;
}

export async function startLiveApi(body = modifiedDocument()): Promise<LiveApi> {
  let current = { body, status: 200 };
  const requests: LiveApi['requests'] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    if (request.url !== '/api-json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(current.status, { 'content-type': 'application/json', connection: 'close' }).end(current.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    serve: (next, status = 200) => {
      current = { body: next, status };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
