// What the integration suites share: the fixture workspace, waiting for asynchronous results, and direct
// calls to the local API server (to play the part of a colleague editing in the vendor's dashboard).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'assistant-config.assistant-config';
/** The environment the runner wrote into the run's user settings. */
export const environmentName = 'local';

export function apiBaseUrl(): string {
  const url = process.env.ASSISTANT_TEST_API;
  assert.ok(url, 'ASSISTANT_TEST_API is set by the test runner');
  return url;
}

export function apiKey(): string {
  const key = process.env.ASSISTANT_TEST_API_KEY;
  assert.ok(key, 'ASSISTANT_TEST_API_KEY is set by the test runner');
  return key;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  await extension.activate();
  return extension;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Calls the local Vapi-style API with the test key, as the vendor's dashboard would change an assistant. */
export async function api(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(apiBaseUrl() + pathAndQuery, {
    method,
    headers: { authorization: `Bearer ${apiKey()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

export function completionLabels(list: vscode.CompletionList): string[] {
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, ''));
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
    .join('\n');
}

/** Position of the first occurrence of `needle` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} occurs in ${document.uri.path}`);
  return document.positionAt(index + offset);
}
