// File references in the editor, through the real server on a copy of examples/support-squad: go to definition,
// find references, the edits before a rename or move (of a file and of a folder), completion of files in a
// reference field, hover on a reference, the error on a reference to a missing file with its create-file fix,
// and a raw id that the state file links to a workspace file.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FileChangeType, type CodeAction, type CreateFile, type Location, type LocationLink, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { applyEdits, LspClient, messageOf, projectRoot, rangeOf, textAt, type OpenDocument } from '../helpers/lspClient';

const capabilities = {
  textDocument: { definition: { linkSupport: true } },
  workspace: {
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const, 'rename' as const, 'delete' as const] },
  },
};

const toolId = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';

describe('file references', () => {
  let root: string;
  let client: LspClient;
  const file = (relative: string) => path.join(root, ...relative.split('/'));
  const uriOf = (relative: string) => URI.file(file(relative)).toString();
  /** The start of the `occurrence`-th `needle` in an open document, one character in (inside a string). */
  const inside = (doc: OpenDocument, needle: string, occurrence = 0) => {
    const { start } = rangeOf(doc.text, needle, occurrence);
    return { line: start.line, character: start.character + 1 };
  };
  /** A workspace edit's changes applied to the files as they are on disk (or as `texts` has them). */
  const applied = (edit: WorkspaceEdit | null, texts: Record<string, string>) =>
    Object.fromEntries(Object.entries(edit?.changes ?? {}).map(([uri, edits]) => [path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/'), applyEdits(texts[uri], edits)]));

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'refs-editor-'));
    cpSync(path.join(projectRoot, 'examples/support-squad'), root, { recursive: true });
    mkdirSync(file('.assistant-config'));
    writeFileSync(
      file('.assistant-config/state.json'),
      JSON.stringify({ version: 1, files: { 'tools/lookup-order.tool.json': { dev: { id: toolId }, prod: { id: toolId } }, 'tools/refund-order.tool.json': { dev: { id: 'a0a0a0a0-0000-4000-8000-000000000000' } } } }),
    );
    client = await LspClient.start({ workspaceFolder: root, capabilities });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('go to definition on a tool reference and on a prompt reference opens the file, from the whole string', async () => {
    const desk = await client.openFile(file('assistants/desk.assistant.json'));
    assert.deepEqual((await client.waitForDiagnostics(desk)).diagnostics, [], 'every reference of the example leads to its file');
    const tool = (await client.definition(desk, inside(desk, '"../tools/lookup-order.tool.json"'))) as LocationLink[];
    assert.equal(tool.length, 1);
    assert.equal(tool[0].targetUri, uriOf('tools/lookup-order.tool.json'));
    assert.deepEqual(tool[0].originSelectionRange, rangeOf(desk.text, '"../tools/lookup-order.tool.json"'));
    const prompt = (await client.definition(desk, inside(desk, '"./prompts/desk.md"'))) as LocationLink[];
    assert.equal(prompt[0].targetUri, uriOf('assistants/prompts/desk.md'));
    assert.equal(await client.definition(desk, inside(desk, '"Front Desk"')), null, 'a name is no reference');
    await client.close(desk);
  });

  test('a client without link support gets a location', async () => {
    const plain = await LspClient.start({ workspaceFolder: root });
    try {
      const squad = await plain.openFile(file('squads/support.squad.json'));
      const location = (await plain.definition(squad, inside(squad, '"../assistants/billing.assistant.json"'))) as Location;
      assert.equal(location.uri, uriOf('assistants/billing.assistant.json'));
    } finally {
      await plain.stop();
    }
  });

  test('find references from a reference, and from a key of the referenced file, lists every referring string', async () => {
    const desk = await client.openFile(file('assistants/desk.assistant.json'));
    const billingText = (await client.openFile(file('assistants/billing.assistant.json'))).text;
    const expected = [
      { uri: uriOf('assistants/billing.assistant.json'), range: rangeOf(billingText, '"../tools/lookup-order.tool.json"') },
      { uri: uriOf('assistants/desk.assistant.json'), range: rangeOf(desk.text, '"../tools/lookup-order.tool.json"') },
    ];
    assert.deepEqual(await client.references(desk, inside(desk, '"../tools/lookup-order.tool.json"')), expected);
    const tool = await client.openFile(file('tools/lookup-order.tool.json'));
    assert.deepEqual(await client.references(tool, inside(tool, '"description"')), expected);
    // An unsaved edit counts: the open document's text wins over the disk's.
    await client.change(desk, desk.text.replace('"../tools/lookup-order.tool.json", ', ''));
    assert.deepEqual(await client.references(tool, inside(tool, '"type"')), expected.slice(0, 1));
    for (const uri of [desk.uri, uriOf('assistants/billing.assistant.json'), tool.uri]) await client.close({ uri, version: 0, text: '' });
  });

  test('renaming a tool file rewrites the references to it; moving an assistant also rewrites its own references', async () => {
    const fileOperations = client.initializeResult?.capabilities.workspace?.fileOperations;
    const globs = fileOperations?.willRename?.filters.map((filter) => `${filter.pattern.glob} ${filter.pattern.matches}`);
    assert.ok(globs?.includes('**/*.tool.json file') && globs.includes('**/*.md file') && globs.includes('**/* folder'), String(globs));

    const disk = diskTexts(['assistants/desk.assistant.json', 'assistants/billing.assistant.json', 'squads/support.squad.json']);
    const renamed = await client.willRenameFiles([{ from: file('tools/lookup-order.tool.json'), to: file('tools/orders/lookup.tool.json') }]);
    const afterRename = applied(renamed, disk);
    assert.deepEqual(Object.keys(afterRename).sort(), ['assistants/billing.assistant.json', 'assistants/desk.assistant.json']);
    assert.deepEqual(JSON.parse(afterRename['assistants/desk.assistant.json']).model.toolIds, ['../tools/orders/lookup.tool.json', '../tools/opening-hours.tool.json']);
    assert.deepEqual(JSON.parse(afterRename['assistants/billing.assistant.json']).model.toolIds, ['../tools/refund-order.tool.json', '../tools/orders/lookup.tool.json']);

    const moved = applied(await client.willRenameFiles([{ from: file('assistants/desk.assistant.json'), to: file('assistants/front/desk.assistant.json') }]), disk);
    assert.deepEqual(JSON.parse(moved['squads/support.squad.json']).members[0].assistantId, '../assistants/front/desk.assistant.json');
    const desk = JSON.parse(moved['assistants/desk.assistant.json']);
    assert.deepEqual(desk.model.toolIds, ['../../tools/lookup-order.tool.json', '../../tools/opening-hours.tool.json']);
    assert.equal(desk.model.messages[0].content, '../prompts/desk.md');
    assert.deepEqual(desk.artifactPlan.structuredOutputIds, ['../../structured-outputs/call-outcome.structured-output.json']);
  });

  test('renaming a folder rewrites the references to everything inside it, and leaves references within it alone', async () => {
    const disk = diskTexts(['assistants/desk.assistant.json', 'assistants/billing.assistant.json', 'squads/support.squad.json']);
    const tools = applied(await client.willRenameFiles([{ from: file('tools'), to: file('functions') }]), disk);
    assert.deepEqual(Object.keys(tools).sort(), ['assistants/billing.assistant.json', 'assistants/desk.assistant.json']);
    assert.deepEqual(JSON.parse(tools['assistants/billing.assistant.json']).model.toolIds, ['../functions/refund-order.tool.json', '../functions/lookup-order.tool.json']);
    // The assistants folder moves with its prompts: the prompt reference stays, the others reach one level further.
    const assistants = applied(await client.willRenameFiles([{ from: file('assistants'), to: file('agents/voice') }]), disk);
    const desk = JSON.parse(assistants['assistants/desk.assistant.json']);
    assert.equal(desk.model.messages[0].content, './prompts/desk.md');
    assert.deepEqual(desk.model.toolIds, ['../../tools/lookup-order.tool.json', '../../tools/opening-hours.tool.json']);
    assert.deepEqual(JSON.parse(assistants['squads/support.squad.json']).members.map((member: { assistantId: string }) => member.assistantId), [
      '../agents/voice/desk.assistant.json',
      '../agents/voice/billing.assistant.json',
    ]);
  });

  test('completion in a reference field offers the files of its kind with their names; elsewhere JSON completion is unchanged', async () => {
    const doc = await openText('assistants/new.assistant.json', '{\n  "name": "New",\n  "model": { "provider": "openai", "model": "gpt-4o", "toolIds": ["../t"] },\n  \n}\n');
    const items = await client.completionAt(doc, { line: 2, character: doc.text.split('\n')[2].indexOf('../t') + 4 });
    assert.deepEqual(items.map((item) => item.label), ['../tools/lookup-order.tool.json', '../tools/opening-hours.tool.json', '../tools/refund-order.tool.json']);
    assert.equal(items[0].detail, 'lookup_order (function tool)');
    assert.match(applyEdits(doc.text, [items[0].textEdit as TextEdit]), /"toolIds": \["\.\.\/tools\/lookup-order\.tool\.json"\] \}/);

    const squad = await openText('squads/new.squad.json', '{ "members": [{ "assistantId": "" }] }');
    const members = await client.completionAt(squad, inside(squad, '""'));
    assert.deepEqual(members.map((item) => [item.label, item.detail]), [
      ['../assistants/billing.assistant.json', 'Billing (assistant)'],
      ['../assistants/desk.assistant.json', 'Front Desk (assistant)'],
      ['../assistants/new.assistant.json', 'New (assistant)'],
    ]);
    // Inside a member's inline assistant, the reference field is found through the schema's branches too.
    const inline = await openText('squads/inline.squad.json', '{ "members": [{ "assistant": { "model": { "provider": "openai", "model": "gpt-4o", "toolIds": ["../tools/"] } } }] }');
    const inlineItems = await client.completionAt(inline, inside(inline, '"../tools/"'));
    assert.deepEqual(inlineItems.map((item) => item.label), ['../tools/lookup-order.tool.json', '../tools/opening-hours.tool.json', '../tools/refund-order.tool.json']);
    await client.close(inline);
    // A key string is never a reference: the schema's keys are offered there.
    const inKey = await client.completionAt(doc, { line: 1, character: 4 });
    assert.ok(inKey.some((item) => item.label === 'firstMessage') && !inKey.some((item) => item.label.startsWith('../')), inKey.map((item) => item.label).join(', '));
    const keys = await client.completionAt(doc, { line: 3, character: 2 });
    assert.ok(keys.some((item) => item.label === 'firstMessage') && !keys.some((item) => item.label.startsWith('../')), keys.map((item) => item.label).join(', '));
    await client.close(squad);
    await client.close(doc);
  });

  test('hover on a reference shows the target\'s name, type, description and path; on a missing one, that it is missing', async () => {
    const desk = await client.openFile(file('assistants/desk.assistant.json'));
    const tool = await client.hoverTextAt(desk, inside(desk, '"../tools/lookup-order.tool.json"'));
    assert.equal(tool, '**lookup_order** (function tool)\n\nLooks up an order by its number.\n\n`../tools/lookup-order.tool.json`');
    const output = await client.hoverTextAt(desk, inside(desk, '"../structured-outputs/call-outcome.structured-output.json"'));
    assert.match(output, /^\*\*call_outcome\*\* \(structured output\)\n\nHow the call ended\./);
    assert.match(await client.hoverTextAt(desk, inside(desk, '"./prompts/desk.md"')), /^\*\*Prompt\*\* `\.\/prompts\/desk\.md`\n\n> # Ava, front desk/);
    await client.change(desk, desk.text.replace('opening-hours', 'closing-hours'));
    assert.equal(await client.hoverTextAt(desk, inside(desk, '"../tools/closing-hours.tool.json"')), '`../tools/closing-hours.tool.json`: there is no such tool file.');
    await client.close(desk);
  });

  test('a reference to a missing file is an error on its string, whose fix creates the file from the kind\'s snippet', async () => {
    const text = '{\n  "name": "Desk",\n  "model": { "provider": "openai", "model": "gpt-4o", "toolIds": ["../tools/transfer.tool.json", "../tools/x.json"] }\n}\n';
    const doc = await openText('assistants/dangling.assistant.json', text);
    const { diagnostics } = await client.waitForDiagnostics(doc);
    const missing = diagnostics.filter((diagnostic) => diagnostic.code === 'reference-missing');
    assert.equal(missing.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual(missing[0].range, rangeOf(text, '"../tools/transfer.tool.json"'));
    assert.equal(messageOf(missing[0]), 'There is no tool file ../tools/transfer.tool.json.');
    assert.equal(missing[0].source, 'assistant-config');
    // The wrong suffix is told once, as a text problem, not also as a missing file.
    const onSuffix = diagnostics.filter((diagnostic) => textAt(text, diagnostic.range) === '"../tools/x.json"');
    assert.deepEqual(onSuffix.map((diagnostic) => [diagnostic.code, messageOf(diagnostic)]), [['reference-wrong-kind', 'A reference to a tool must name a *.tool.json file.']]);

    const actions: CodeAction[] = await client.codeActions(doc, missing);
    const create = actions.find((action) => action.title === 'Create ../tools/transfer.tool.json from a snippet');
    assert.ok(create, actions.map((action) => action.title).join(', '));
    const [creation, insertion] = create.edit!.documentChanges as [CreateFile, TextDocumentEdit];
    assert.deepEqual(creation, { kind: 'create', uri: uriOf('tools/transfer.tool.json') });
    assert.equal(insertion.textDocument.uri, uriOf('tools/transfer.tool.json'));
    const body = (insertion.edits[0] as TextEdit).newText;
    assert.equal(JSON.parse(body).type, 'function');
    const checked = await client.diagnose(body, 'created.tool.json');
    assert.deepEqual(checked.diagnostics.map(messageOf), [], 'the created tool is valid');

    // The client creates the file and reports it: the error goes.
    writeFileSync(file('tools/transfer.tool.json'), body);
    const republished = client.waitForDiagnostics(doc);
    await client.filesChanged([{ uri: uriOf('tools/transfer.tool.json'), type: FileChangeType.Created }]);
    assert.deepEqual((await republished).diagnostics.filter((diagnostic) => diagnostic.code === 'reference-missing'), []);
    rmSync(file('tools/transfer.tool.json'));
    await client.filesChanged([{ uri: uriOf('tools/transfer.tool.json'), type: FileChangeType.Deleted }]);
    await client.close(doc);
  });

  test('a reference holding half of a surrogate pair is an error on its string, and the check still runs', async () => {
    // JSON's \\ud800 escape: the string holds an unpaired surrogate, which no path or URI can hold.
    const text = '{ "members": [{ "assistantId": "../assistants/bad\\ud800.assistant.json" }] }';
    const doc = await openText('squads/surrogate.squad.json', text);
    const { diagnostics } = await client.waitForDiagnostics(doc);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, textAt(text, diagnostic.range)]),
      [['reference-wrong-kind', '"../assistants/bad\\ud800.assistant.json"']],
    );
    assert.match(messageOf(diagnostics[0]), /unpaired UTF-16 surrogate/);
    assert.doesNotMatch(client.stderrText, /URI malformed/);
    await client.close(doc);
  });

  test('a squad member that names an Insighto assistant file is an error: a Vapi squad holds Vapi assistants', async () => {
    writeFileSync(file('assistants/legacy.insighto.assistant.json'), '{"name": "Legacy"}');
    await client.filesChanged([{ uri: uriOf('assistants/legacy.insighto.assistant.json'), type: FileChangeType.Created }]);
    const text = '{ "members": [{ "assistantId": "../assistants/legacy.insighto.assistant.json" }, { "assistantId": "../assistants/billing.assistant.json" }] }';
    const doc = await openText('squads/mixed.squad.json', text);
    const { diagnostics } = await client.waitForDiagnostics(doc);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, textAt(text, diagnostic.range), messageOf(diagnostic)]),
      [['reference-wrong-kind', '"../assistants/legacy.insighto.assistant.json"', '../assistants/legacy.insighto.assistant.json is an Insighto assistant file; this field refers to a Vapi assistant.']],
    );
    await client.close(doc);
    rmSync(file('assistants/legacy.insighto.assistant.json'));
    await client.filesChanged([{ uri: uriOf('assistants/legacy.insighto.assistant.json'), type: FileChangeType.Deleted }]);
  });

  test('a raw id the state file links to a tool file shows that file and its environments, and a fix writes the reference', async () => {
    const text = `{\n  "name": "Desk",\n  "model": { "provider": "openai", "model": "gpt-4o", "toolIds": ["${toolId}"] }\n}\n`;
    const doc = await openText('assistants/ids.assistant.json', text);
    const hover = await client.hoverTextAt(doc, inside(doc, `"${toolId}"`));
    assert.equal(hover, 'Linked to `../tools/lookup-order.tool.json` in `dev`, `prod` (.assistant-config/state.json).\n\n**lookup_order** (function tool)\n\nLooks up an order by its number.');
    const actions: CodeAction[] = await client.codeActions(doc, [], rangeOf(text, `"${toolId}"`));
    const use = actions.find((action) => action.title === 'Use the reference ../tools/lookup-order.tool.json');
    assert.ok(use, actions.map((action) => action.title).join(', '));
    assert.deepEqual(JSON.parse(applyEdits(text, use.edit!.changes![doc.uri])).model.toolIds, ['../tools/lookup-order.tool.json']);
    // An id no environment links to a file is only an id: the field's own hover.
    await client.change(doc, text.replace(toolId, 'b1b1b1b1-0000-4000-8000-000000000000'));
    assert.doesNotMatch(await client.hoverTextAt(doc, inside(doc, '"b1b1b1b1')), /Linked/);
    await client.close(doc);
  });

  /** Opens a new document at a workspace path (not on disk). */
  async function openText(relative: string, text: string): Promise<OpenDocument> {
    const uri = uriOf(relative);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'assistant-json', version: 1, text } });
    return { uri, version: 1, text };
  }

  function diskTexts(relatives: string[]): Record<string, string> {
    return Object.fromEntries(relatives.map((relative) => [uriOf(relative), readFileSync(file(relative), 'utf8')]));
  }
});
