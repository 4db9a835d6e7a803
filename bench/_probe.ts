import { getLanguageService, TextDocument, type ASTNode, type ArrayASTNode } from 'vscode-json-languageservice';
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { benchFiles } from './assistantFiles';
const schema = JSON.parse(readFileSync('schemas/vapi-assistant.schema.json', 'utf8'));
const ls = getLanguageService({});
ls.configure({ validate: true, schemas: [{ uri: 'x://s', fileMatch: ['*'], schema }] });
const f = benchFiles()[Number(process.argv[2] ?? 2)];
const doc = TextDocument.create('file:///a.assistant.json', 'json', 1, f.text);
const jd = ls.parseJSONDocument(doc) as any;

function withFocusedArrays<T>(root: ASTNode | undefined, offset: number, run: () => T): T {
  const saved: [ArrayASTNode, ASTNode[]][] = [];
  const stack: ASTNode[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'array') {
      const kept = node.items.filter((item) => item.offset <= offset && offset <= item.offset + item.length);
      saved.push([node, node.items]);
      (node as any).items = kept;
      stack.push(...kept);
    } else if (node.type === 'object') for (const p of node.properties) { if (p.valueNode) stack.push(p.valueNode); }
  }
  try { return run(); } finally { for (const [node, items] of saved) (node as any).items = items; }
}
(async () => {
  const focus = process.argv[3] === 'focus';
  if (focus) {
    const original = jd.getMatchingSchemas.bind(jd);
    jd.getMatchingSchemas = (s: any, off = -1, ex?: any) => withFocusedArrays(jd.root, off, () => original(s, off, ex));
  }
  await ls.doValidation(doc, jd); // resolve schema
  for (const p of f.probes) {
    const pos = doc.positionAt(p.offset);
    let t = performance.now();
    let r: any; try { r = await ls.doComplete(doc, pos, jd); } catch (e) { r = { items: [], err: String(e).slice(0, 40) }; }
    const c = performance.now() - t; t = performance.now();
    const h = await ls.doHover(doc, pos, jd).catch(() => null);
    const hv = performance.now() - t;
    const ok = r.items.some((i: any) => i.label === p.expectCompletion);
    console.log(p.label.padEnd(34), c.toFixed(1).padStart(8), hv.toFixed(1).padStart(8), ok ? "ok" : "MISSING", require("crypto").createHash("md5").update(JSON.stringify(r.items.map((i: any) => [i.label, i.insertText, i.documentation]))+JSON.stringify(h)).digest("hex").slice(0,8));
  }
})();
process.on('exit', () => console.log('VmHWM', /VmHWM:\s+(\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))![1], 'kB'));
