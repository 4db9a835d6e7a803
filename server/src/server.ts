// Node entry point of the language server: `assistant-config-language-server --stdio` (the package's bin,
// dist/server.js), or --node-ipc / --socket=N / --pipe=NAME, which vscode-languageserver reads from the
// command line. Anything else gets a usage line; missing schemas get one line, before any LSP traffic.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { productVersion } from '../../core/src/productVersion';
import { resourceKinds } from '../../core/src/kinds';
import { schemaPath } from '../../core/src/validation';
import { startLanguageServer } from './languageServer';

const name = 'assistant-config-language-server';
const usage = `Usage: ${name} --stdio   (or --node-ipc, --socket=<port>, --pipe=<name>): speaks LSP for Vapi and Insighto resource files.`;
const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`${name} ${productVersion()}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${usage}\n`);
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/.test(arg))) {
  process.stderr.write(`${usage}\n`);
  process.exitCode = 2;
} else {
  const missing = resourceKinds.flatMap((kind) => (schemaPath(kind) ? [] : [kind.schemaFile]));
  if (missing.length) {
    process.stderr.write(`${name}: cannot find ${missing.join(', ')} in a schemas/ folder beside ${__dirname} or above it; run the server from the installed package (dist/server.js with schemas/ next to dist/).\n`);
    process.exitCode = 1;
  } else {
    startLanguageServer(createConnection(ProposedFeatures.all));
  }
}
