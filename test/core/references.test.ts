// References between resource files: which fields hold another resource's id (read from the OpenAPI
// document by the generator, found in documents by core/src/references.ts), and what a file reference is.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { kindById } from '../../core/src/kinds';
import { isFileReference, referenceBetween, referenceSites, referenceTextProblem, resolveReference } from '../../core/src/references';

const assistant = kindById('vapi-assistant');
const sitesOf = (kind: Parameters<typeof referenceSites>[0], value: unknown) => referenceSites(kind, value).map((site) => `${site.pointer} → ${site.target}`);

describe('file references', () => {
  test('every field the issue names is a reference site, with the resource it names', () => {
    const agent = {
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        toolIds: ['./tools/lookup-order.tool.json', '0b0c9f3e-5d4c-4f3b-9d5e-1a2b3c4d5e6f'],
        toolRefs: [{ toolId: './tools/pinned.tool.json', version: 'v3' }],
        tools: [{ type: 'handoff', destinations: [{ type: 'assistant', assistantId: './billing.assistant.json' }, { type: 'squad', squadId: '../squads/support.squad.json' }] }],
      },
      hooks: [{ on: 'call.ending', do: [{ type: 'tool', toolId: './tools/goodbye.tool.json' }] }],
      compliancePlan: { recordingConsentPlan: { type: 'verbal', message: 'This call is recorded.', declineToolId: './tools/decline.tool.json' } },
      artifactPlan: { structuredOutputIds: ['./outputs/outcome.structured-output.json'] },
    };
    assert.deepEqual(sitesOf(assistant, agent), [
      '/model/toolIds/0 → tool',
      '/model/toolIds/1 → tool',
      '/model/toolRefs/0/toolId → tool',
      '/model/tools/0/destinations/0/assistantId → assistant',
      '/model/tools/0/destinations/1/squadId → squad',
      '/hooks/0/do/0/toolId → tool',
      '/compliancePlan/recordingConsentPlan/declineToolId → tool',
      '/artifactPlan/structuredOutputIds/0 → structured-output',
    ]);
    const handoffTool = { type: 'handoff', destinations: [{ type: 'assistant', assistantId: './a.assistant.json' }, { type: 'squad', squadId: './s.squad.json' }] };
    assert.deepEqual(sitesOf(kindById('vapi-tool'), handoffTool), ['/destinations/0/assistantId → assistant', '/destinations/1/squadId → squad']);
    const squad = {
      members: [
        { assistantId: './desk.assistant.json', assistantDestinations: [{ type: 'assistant', assistantId: './billing.assistant.json' }] },
        { assistant: { model: { provider: 'openai', model: 'gpt-4o', toolIds: ['./lookup.tool.json'] } } },
      ],
    };
    assert.deepEqual(sitesOf(kindById('vapi-squad'), squad), [
      '/members/0/assistantId → assistant',
      '/members/0/assistantDestinations/0/assistantId → assistant',
      '/members/1/assistant/model/toolIds/0 → tool',
    ]);
    assert.deepEqual(sitesOf(kindById('vapi-structured-output'), { name: 'x', schema: { type: 'string' }, assistantIds: ['./a.assistant.json'] }), ['/assistantIds/0 → assistant']);
  });

  test('a field is a reference only in the branch that has it, and ids elsewhere are not', () => {
    // A tool's `type` picks its branch: a transferCall destination names its assistant by name, not id.
    assert.deepEqual(sitesOf(kindById('vapi-tool'), { type: 'transferCall', destinations: [{ type: 'assistant', assistantName: 'Billing' }] }), []);
    assert.deepEqual(sitesOf(assistant, { name: 'x', voice: { provider: '11labs', voiceId: 'burt' }, metadata: { toolId: './not-a-site.tool.json' } }), []);
  });

  test('a reference is a relative path: ./ or ../, resolved from the referring file', () => {
    assert.ok(isFileReference('./tools/a.tool.json'));
    assert.ok(isFileReference('../tools/a.tool.json'));
    assert.ok(!isFileReference('0b0c9f3e-5d4c-4f3b-9d5e-1a2b3c4d5e6f'));
    assert.ok(!isFileReference('tools/a.tool.json'));
    const from = path.join(path.sep, 'work', 'assistants', 'desk.assistant.json');
    assert.equal(resolveReference(from, '../tools/a.tool.json'), path.join(path.sep, 'work', 'tools', 'a.tool.json'));
    assert.equal(referenceBetween(from, path.join(path.sep, 'work', 'tools', 'a.tool.json')), '../tools/a.tool.json');
    assert.equal(referenceBetween(from, path.join(path.sep, 'work', 'assistants', 'tools', 'b.tool.json')), './tools/b.tool.json');
  });

  test('a reference must name a file of the target kind', () => {
    assert.equal(referenceTextProblem(assistant, 'tool', './tools/a.tool.json'), undefined);
    assert.equal(referenceTextProblem(assistant, 'tool', './tools/a.squad.json'), 'A reference to a tool must name a *.tool.json file.');
    // Half of a surrogate pair (as a fuzzer types it): a problem of its own, not an exception where the path becomes a URI.
    assert.match(referenceTextProblem(assistant, 'tool', './tools/a\uD800.tool.json') ?? '', /unpaired UTF-16 surrogate/);
    assert.match(referenceTextProblem(assistant, 'tool', './tools/\uDC00a.tool.json') ?? '', /unpaired UTF-16 surrogate/);
    assert.equal(referenceTextProblem(assistant, 'tool', './tools/\uD83D\uDE00.tool.json'), undefined, 'a whole pair (an emoji) is a character like any');
    assert.equal(referenceTextProblem(assistant, 'structured-output', './o.json'), 'A reference to a structured output must name a *.structured-output.json file.');
  });
});
