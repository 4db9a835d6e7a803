// Custom messages between the VS Code client and the language server, plus the settings the server
// reads. One namespace per message, each with its literal method name.
import { RequestType, type Diagnostic } from 'vscode-languageserver-protocol';
import type { KindId } from '../../core/src/kinds';

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
  /** Where the schema came from, e.g. the OpenAPI document's name or "seed 003". */
  sourceDocument?: string;
}

/** Which bundled schema applies to an open document (null when the server does not know the document). */
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
