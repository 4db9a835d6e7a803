// Custom messages between the VS Code client and the language server, plus the settings the server
// reads. One namespace per message, each with its literal method name.
import { NotificationType0, RequestType, type Diagnostic, type Position, type Range } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { KindId } from '../../core/src/kinds';
import { dottedPath } from '../../core/src/validation/annotations';

/** The configuration section the server pulls (`workspace/configuration`). */
export const settingsSection = 'assistantConfig';

/** Settings under `assistantConfig.*`; every key is optional and has a default in the server. */
export interface AssistantConfigSettings {
  /** Report problems in assistant files (default true). */
  validate?: boolean;
  /**
   * File glob (e.g. `**\/insighto/*.assistant.json`) to the kind its files are: a kind id (`vapi-assistant`),
   * or a vendor's name for its assistants (`insighto`). Wins over detection from the file.
   */
  fileAssociations?: Record<string, string>;
  /** Upper bound on outline symbols and folding ranges per document (default 5000). */
  maxItemsComputed?: number;
  /** Template variable names (dotted paths allowed) that exist at call time, e.g. passed in `variableValues` by your backend. */
  templateVariables?: string[];
}

/** What a client may pass in `initializationOptions`; every key is optional. */
export interface InitializationOptions {
  /** Quiet period (ms) that ends a burst of edits before they are validated. */
  burstQuietMs?: number;
  /**
   * The folder holding live schemas (core/src/liveSchemas: one folder per vendor below it). VS Code names its
   * global storage; another editor may name the CLI's cache, ~/.cache/assistant-config. Without it, the
   * bundled schemas serve.
   */
  liveSchemaDir?: string;
}

/** Client to server: the live schemas in `liveSchemaDir` changed (an update wrote them): load them again. */
export namespace SchemasChangedNotification {
  export const method = 'assistantConfig/schemasChanged' as const;
  export const type = new NotificationType0(method);
}

/** Server to client: the schemas in use changed (live ones loaded, or back to bundled): ask SchemaInfo again. */
export namespace SchemasReloadedNotification {
  export const method = 'assistantConfig/schemasReloaded' as const;
  export const type = new NotificationType0(method);
}

export interface SchemaInfoParams {
  uri: string;
}

export interface SchemaInfo {
  kind: KindId;
  /** Display name of the vendor, e.g. "Vapi". */
  vendor: string;
  /** What one resource of the kind is called, e.g. "assistant". */
  noun: string;
  /** Date of the API description the schema was generated from (YYYY-MM-DD), when recorded. */
  sourceDate?: string;
  /** Where the schema came from, e.g. the OpenAPI document's name (bundled), its URL (live) or "seed 003". */
  sourceDocument?: string;
  /** Bundled with the extension, or converted from the vendor's live OpenAPI document. */
  origin: 'bundled' | 'live';
}

/** Which schema applies to an open document (null when the server does not know the document). */
export namespace SchemaInfoRequest {
  export const method = 'assistantConfig/schemaInfo' as const;
  export const type = new RequestType<SchemaInfoParams, SchemaInfo | null, void>(method);
}

export interface ValidateParams {
  /** The file's text, as the editor has it (it may be newer than the disk, or not open at all). */
  text: string;
  /** The kind to check it as: the one the caller will push it as. */
  kind: KindId;
}

/**
 * The schema check of a file that is about to be pushed, made by the language server: the client does not
 * carry a validator of its own, so VS Code loads one. Every diagnostic validateFile reports (all severities).
 */
export namespace ValidateRequest {
  export const method = 'assistantConfig/validate' as const;
  export const type = new RequestType<ValidateParams, Diagnostic[], void>(method);
}

/** The scheme of the Markdown documents that edit a template string of a resource file in place. */
export const promptScheme = 'assistant-prompt';

/** Which template string a prompt document edits. */
export interface PromptLocation {
  /** The resource file's URI. */
  file: string;
  /** JSON pointer of the string in it, e.g. `/model/messages/0/content`. */
  pointer: string;
}

/**
 * `assistant-prompt:/…/front-desk.assistant.json/model.messages[0].content.md?file=…&pointer=…`: the editor's
 * tab reads the field, its description the file, and the `.md` makes it a Markdown document.
 */
export function promptUri(location: PromptLocation): string {
  const file = URI.parse(location.file);
  const field = dottedPath(location.pointer);
  const query = new URLSearchParams({ file: location.file, pointer: location.pointer }).toString();
  return URI.from({ scheme: promptScheme, path: `${file.path}/${field.replace(/\//g, '∕') || 'prompt'}.md`, query }).toString();
}

/** The location a prompt document's URI names; undefined for any other URI. */
export function promptLocation(uri: string): PromptLocation | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== promptScheme) return undefined;
  const query = new URLSearchParams(parsed.query);
  const file = query.get('file');
  const pointer = query.get('pointer');
  return file !== null && pointer !== null && (pointer === '' || pointer.startsWith('/')) ? { file, pointer } : undefined;
}

export interface TemplateStringsParams {
  uri: string;
  /** Only the template string holding this position (of any length); without it, those of more than one line. */
  position?: Position;
}

export interface TemplateString {
  /** JSON pointer of the string. */
  pointer: string;
  /** The string literal, quotes included. */
  range: Range;
  /** How many lines its value has. */
  lines: number;
}

/**
 * The strings of a resource file that the vendor renders as templates: those of more than one line (where
 * "Edit Prompt as Markdown" is offered), or the one at a position.
 */
export namespace TemplateStringsRequest {
  export const method = 'assistantConfig/templateStrings' as const;
  export const type = new RequestType<TemplateStringsParams, TemplateString[], void>(method);
}
