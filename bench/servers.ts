// The servers the bench compares, as they are started and configured.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerSpec } from './lspServer';

const root = resolve(__dirname, '..');
/** The bundled schema: ours reads it itself; the peer is given the same file. */
export const schemaPath = join(root, 'schemas', 'vapi-assistant.schema.json');
export const ourServerPath = join(root, 'dist', 'server.js');
const peerServerPath = join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-json-language-server');

/** Our server: pushes diagnostics (at once on open, after a quiet period on edits). */
export const ourServer: ServerSpec = ourServerAt(ourServerPath);

/** Our server built elsewhere (another worktree's dist/server.js), to compare before and after a change. */
export function ourServerAt(path: string): ServerSpec {
  return { name: 'ours', args: [path, '--stdio'], languageId: 'assistant-json', diagnostics: 'push' };
}

/** The peer as VS Code runs it: the client pulls diagnostics, and the server validates on each pull at once. */
export const peerServer: ServerSpec = {
  name: 'peer',
  args: [peerServerPath, '--stdio'],
  languageId: 'json',
  diagnostics: 'pull',
  initializationOptions: { handledSchemaProtocols: ['file'], provideFormatter: false },
  settings: {
    json: {
      validate: { enable: true },
      schemas: [{ fileMatch: ['*.assistant.json'], url: pathToFileURL(schemaPath).href }],
    },
  },
};

/** The peer with a push-only client: it then validates 500 ms after the last open/change (its own debounce). */
export const peerPushServer: ServerSpec = { ...peerServer, name: 'peer-push', diagnostics: 'push' };
