// Resource kinds: the one place that says which files the product knows and what each one is. A kind is a
// vendor's resource as a file: its file name, its bundled schema, where the API keeps it, and which of its
// fields hold the ids of other resources. The language server, the sync engine, the CLI and the schema
// generator all read this table; adding a kind is adding an entry here (and its schema to the generator).

export type Vendor = 'vapi' | 'insighto';

/** What the vendor calls the resource, as it appears in its API path. */
export type ResourceType = 'assistant' | 'tool' | 'squad' | 'structured-output';

export type KindId = 'vapi-assistant' | 'insighto-assistant' | 'vapi-tool' | 'vapi-squad' | 'vapi-structured-output';

export interface ResourceKind {
  readonly id: KindId;
  readonly vendor: Vendor;
  readonly resource: ResourceType;
  /** What a user calls one resource of this kind, e.g. "assistant", "structured output". */
  readonly noun: string;
  /**
   * The file name ending of this kind's files, e.g. `.assistant.json`. Kinds of several vendors may share
   * one; `<name>.<vendor><fileSuffix>` (`support.insighto.assistant.json`) always names the vendor.
   */
  readonly fileSuffix: string;
  /** Top-level keys that only this kind's files have: a file with a shared suffix that has one is of this kind. */
  readonly tellingKeys?: readonly string[];
  /** The bundled schema, a file name under `schemas/`. */
  readonly schemaFile: string;
  /** The collection's API path; one resource is `<apiPath>/<id>`. */
  readonly apiPath: string;
  /** The folder that pull writes files of this kind into by default. */
  readonly folder: string;
  // Which fields hold other resources' ids is not listed here: the generator reads them from the OpenAPI
  // document and marks them in the kind's schema (`x-reference`); core/src/references.ts finds them.
}

/** Display names, as a user reads them. */
export const vendorNames: Record<Vendor, string> = { vapi: 'Vapi', insighto: 'Insighto' };

/** Each vendor's public API: where an environment sends its requests unless it names another base URL. */
const defaultBaseUrls: Record<Vendor, string> = {
  vapi: 'https://api.vapi.ai',
  insighto: 'https://api.insighto.ai/api/v1',
};

/** The public API's base URL for a vendor. */
export function defaultBaseUrl(vendor: Vendor): string {
  return defaultBaseUrls[vendor];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape of a vendor's resource ids: both document them as UUIDs. */
const idShapes: Record<Vendor, { pattern: RegExp; description: string }> = {
  vapi: { pattern: uuid, description: 'a UUID' },
  insighto: { pattern: uuid, description: 'a UUID' },
};

export function isResourceId(vendor: Vendor, id: unknown): id is string {
  return typeof id === 'string' && idShapes[vendor].pattern.test(id);
}

/** What a vendor's ids look like, for messages: "Vapi ids are UUIDs". */
export function idShapeText(vendor: Vendor): string {
  return `${vendorNames[vendor]} ids are ${idShapes[vendor].description.replace(/^an? /, '')}s`;
}

export function isVendor(value: unknown): value is Vendor {
  return value === 'vapi' || value === 'insighto';
}

/** Every kind. Of the kinds that share a file suffix, the first is the default for a file that says no more. */
export const resourceKinds: readonly ResourceKind[] = [
  {
    id: 'vapi-assistant',
    vendor: 'vapi',
    resource: 'assistant',
    noun: 'assistant',
    fileSuffix: '.assistant.json',
    schemaFile: 'vapi-assistant.schema.json',
    apiPath: '/assistant',
    folder: 'assistants',
  },
  {
    id: 'insighto-assistant',
    vendor: 'insighto',
    resource: 'assistant',
    noun: 'assistant',
    fileSuffix: '.assistant.json',
    tellingKeys: ['assistant_type', 'llm_model'],
    schemaFile: 'insighto-assistant.schema.json',
    apiPath: '/assistant',
    folder: 'assistants',
  },
  {
    id: 'vapi-tool',
    vendor: 'vapi',
    resource: 'tool',
    noun: 'tool',
    fileSuffix: '.tool.json',
    schemaFile: 'vapi-tool.schema.json',
    apiPath: '/tool',
    folder: 'tools',
  },
  {
    id: 'vapi-squad',
    vendor: 'vapi',
    resource: 'squad',
    noun: 'squad',
    fileSuffix: '.squad.json',
    schemaFile: 'vapi-squad.schema.json',
    apiPath: '/squad',
    folder: 'squads',
  },
  {
    id: 'vapi-structured-output',
    vendor: 'vapi',
    resource: 'structured-output',
    noun: 'structured output',
    fileSuffix: '.structured-output.json',
    schemaFile: 'vapi-structured-output.schema.json',
    apiPath: '/structured-output',
    folder: 'structured-outputs',
  },
];

const byId = new Map<string, ResourceKind>(resourceKinds.map((kind) => [kind.id, kind]));

export function isKindId(value: unknown): value is KindId {
  return typeof value === 'string' && byId.has(value);
}

export function kindById(id: KindId): ResourceKind {
  return byId.get(id)!;
}

/** The kind of a vendor's resource, if the product knows it. */
export function kindOf(vendor: Vendor, resource: ResourceType): ResourceKind | undefined {
  return resourceKinds.find((kind) => kind.vendor === vendor && kind.resource === resource);
}

/** "Vapi assistant", "Vapi structured output". */
export function kindTitle(kind: ResourceKind): string {
  return `${vendorNames[kind.vendor]} ${kind.noun}`;
}

/**
 * A kind named in settings or on the command line: a kind id, or a vendor's name alone for its assistant
 * (`vapi`, `insighto`: the names the setting took before there were other kinds).
 */
export function parseKindName(value: unknown): ResourceKind | undefined {
  if (isKindId(value)) return kindById(value);
  return isVendor(value) ? kindOf(value, 'assistant') : undefined;
}

/** "an assistant", "a tool". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The text with its first letter capitalised, to start a sentence with a noun. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
