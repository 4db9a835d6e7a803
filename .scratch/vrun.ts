import { validateFile } from '/work/main/core/src/validation';
import { kindById } from '/work/main/core/src/kinds';
import { benchFiles } from '/work/main/bench/assistantFiles';
import { TextDocument } from '/work/main/node_modules/vscode-languageserver-textdocument/lib/umd/main.js';
const name = process.argv[2] ?? 'large';
const f = benchFiles().find((x) => x.name === name)!;
const kind = kindById('vapi-assistant');
const t: number[] = [];
for (let k = 0; k < 150; k++) { const d = TextDocument.create('file:///x.assistant.json', 'json', k, f.text); const s = performance.now(); validateFile(d, kind); t.push(performance.now() - s); }
t.sort((a, b) => a - b); console.log(name, 'median', t[75].toFixed(2), 'p10', t[15].toFixed(2));
