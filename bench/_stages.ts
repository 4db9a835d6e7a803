import { parseTree } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { performance } from 'perf_hooks';
import { benchFiles } from './assistantFiles';
import { collectFacts } from '../server/src/validation/annotations';
import { loadSchema, validateAssistant } from '../server/src/validation';
import vapiValidator from '../server/src/validation/compiled/vapi-assistant.validate';
import { detectAssistantKind } from '../shared/src/assistantKind';
const med = (f: () => unknown, n = 15) => { const t: number[] = []; for (let i = 0; i < n; i++) { const s = performance.now(); f(); t.push(performance.now() - s); } t.sort((a, b) => a - b); return t[Math.floor(n / 2)].toFixed(1); };
const ls = getLanguageService({});
const schema = loadSchema('vapi');
for (const f of benchFiles()) {
  const tree = parseTree(f.text)!;
  const value = JSON.parse(f.text);
  const doc = TextDocument.create('file:///x.assistant.json', 'json', 1, f.text);
  validateAssistant(f.text, 'vapi');
  console.log(f.name, {
    'JSON.parse': med(() => JSON.parse(f.text)),
    'jsonc parseTree': med(() => parseTree(f.text)),
    'ajv validate': med(() => (vapiValidator as any)(value)),
    collectFacts: med(() => collectFacts(schema, tree)),
    'validateAssistant': med(() => validateAssistant(f.text, 'vapi')),
    'detectAssistantKind(content)': med(() => detectAssistantKind('/x/a.json', f.text)),
    'ls.parseJSONDocument': med(() => ls.parseJSONDocument(doc)),
    'includes("assistant_type"/"llm_model"/"$schema")': med(() => [f.text.includes('"assistant_type"'), f.text.includes('"llm_model"'), f.text.includes('"$schema"')]),
    'TextDocument line offsets': med(() => TextDocument.create('file:///y', 'json', 1, f.text).positionAt(f.text.length)),
  });
}
