// One vscode-json-languageservice instance per resource kind, each configured with its one schema in use
// (bundled, or live) for every file. A document's kind picks the instance, so detecting a kind from content never
// reconfigures a service, and each service resolves its schema once and keeps it.
import { getLanguageService, type ClientCapabilities, type JSONSchema, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KindId, ResourceKind } from '../../core/src/kinds';
import { loadSchema } from '../../core/src/validation';
import { editingSchema } from './editingSchema';

export interface KindService {
  /** The language service configured with this kind's schema. */
  service: LanguageService;
  /** The editing schema with its references resolved, as the service uses it. */
  resolvedSchema: PromiseLike<JSONSchema>;
}

export class LanguageServices {
  private readonly byKind = new Map<KindId, KindService>();

  /** Capabilities are read when a service is first needed, i.e. after initialize. */
  constructor(private readonly clientCapabilities: () => ClientCapabilities) {}

  get(kind: ResourceKind): KindService {
    let entry = this.byKind.get(kind.id);
    if (!entry) {
      entry = createService(kind, this.clientCapabilities());
      this.byKind.set(kind.id, entry);
    }
    return entry;
  }

  /** The schemas in use changed (live ones installed): each kind's service is made again when next needed. */
  clear(): void {
    this.byKind.clear();
  }
}

function createService(kind: ResourceKind, clientCapabilities: ClientCapabilities): KindService {
  const uri = `assistant-config://schemas/${kind.schemaFile}`;
  // The library resolves a schema in place, so each use gets its own copy.
  const schemaCopy = () => editingSchema(loadSchema(kind));
  // A file's `$schema` makes the library load that schema instead of the configured one. The kind
  // already took `$schema` into account, so every `$schema` means this kind's bundled schema: relative
  // paths map to it directly, and any other address is served its text (no network, no disk).
  const service = getLanguageService({
    clientCapabilities,
    workspaceContext: { resolveRelativePath: () => uri },
    schemaRequestService: () => Promise.resolve(JSON.stringify(schemaCopy())),
  });
  // Problems come from validateFile, so this service never validates.
  service.configure({ validate: false, allowComments: false, schemas: [{ uri, fileMatch: ['*'], schema: schemaCopy() }] });
  // Matching an empty object resolves the schema now rather than in the first completion or hover,
  // and yields the resolved root schema: the last match recorded for the root node.
  const empty = TextDocument.create(uri, 'json', 0, '{}');
  const emptyJson = service.parseJSONDocument(empty);
  const resolvedSchema = service
    .getMatchingSchemas(empty, emptyJson)
    .then((matches) => matches.filter((m) => m.node === emptyJson.root).at(-1)?.schema ?? {});
  return { service, resolvedSchema };
}
