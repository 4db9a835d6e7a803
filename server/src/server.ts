// Node entry point of the language server: `node dist/server.js --stdio` (or --node-ipc / --socket=N,
// which vscode-languageserver reads from the command line).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';

startLanguageServer(createConnection(ProposedFeatures.all));
