// Wires the language features to a connection: document sync, settings, the per-document cache and one
// handler per feature. Runtime-independent; server.ts supplies the Node connection.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type FileOperationRegistrationOptions,
  type FileRename,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { declaredKind } from '../../core/src/kindOfFile';
import { isKindId, isResourceId, kindById, type ResourceKind } from '../../core/src/kinds';
import { maxNestingDepth } from '../../core/src/nesting';
import { isFileReference } from '../../core/src/references';
import { STATE_FILE } from '../../core/src/stateFile';
import { validateFile } from '../../core/src/validation';
import {
  promptLocation, SchemaInfoRequest, SchemasChangedNotification, SchemasReloadedNotification, settingsSection, TemplateStringsRequest, ValidateRequest,
  type InitializationOptions,
} from '../../shared/src/protocol';
import { runCancellable } from './cancellation';
import { codeActions } from './codeActions';
import { complete } from './completion';
import { definition } from './definition';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentCache } from './documentCache';
import { documentSymbols } from './documentSymbols';
import { foldingRanges } from './folding';
import { fileReferences, referencedFile } from './fileReferences';
import { renameEdits } from './fileRenames';
import { format } from './formatting';
import { hover } from './hover';
import { LanguageServices } from './languageServices';
import { reloadLiveSchemas } from './liveSchemas';
import { useReferenceActions } from './linkedIds';
import { isPromptDocument } from './prompts';
import { checkedFormattingOptions, checkedPosition, checkedPositions, checkedRange } from './params';
import { referenceCompletion } from './referenceCompletion';
import { referenceHover } from './referenceHover';
import { semanticTokens, semanticTokensLegend } from './semanticTokens';
import { templateCompletion, templateTriggerCharacters } from './templateCompletion';
import { templateHover } from './templateHover';
import { templateStrings } from './templateStrings';
import { templateAt, templatesOf } from './templateTargets';
import { schemaInfo } from './schemaInfo';
import { selectionRanges } from './selectionRanges';
import { associatedKind, defaultSettings, readSettings, type Settings } from './settings';
import { filePathOf, indexedSuffixes, stringOnLineAt, WorkspaceIndex } from './workspaceIndex';

/** The files whose renames and moves rewrite references: resource files, prompts, and folders holding them. */
const renamedFiles: FileOperationRegistrationOptions = {
  filters: [
    ...indexedSuffixes.map((suffix) => ({ scheme: 'file', pattern: { glob: `**/*${suffix}`, matches: 'file' as const } })),
    { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' as const } },
  ],
};

/** The workspace folders' paths, from initialize (rootUri and rootPath for clients older than workspace folders). */
function workspaceRoots(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri' | 'rootPath'>): string[] {
  const folders: (WorkspaceFolder | { uri: string })[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
  const roots = folders.flatMap((folder) => filePathOf(folder.uri) ?? []);
  return roots.length || !params.rootPath ? roots : [params.rootPath];
}

/** With no document open, the live schemas are loaded this long after initialization. */
const startupLoadDelayMs = 1000;

export function startLanguageServer(connection: Connection): void {
  let clientCapabilities: ClientCapabilities = {};
  let pullsConfiguration = false;
  let settings: Settings = defaultSettings;
  // Work that depends on settings waits for the latest pull from the client to finish.
  let settingsLoaded: Promise<void> = Promise.resolve();
  const currentSettings = async () => {
    await settingsLoaded;
    return settings;
  };

  const documents = new TextDocuments(TextDocument);
  const services = new LanguageServices(() => clientCapabilities);
  const cache = new DocumentCache(services, () => settings);
  // Once a document's diagnostics are out, its kind's language service resolves its schema and the version
  // is parsed (a new document) or its last parse shifted (an edit inside a string), so neither delays those
  // diagnostics nor the next completion or hover.
  const prepareFeatures = (document: TextDocument) => {
    if (documents.get(document.uri)?.version !== document.version || isPromptDocument(document)) return;
    document.positionAt(0); // its line offsets, which the next edit and every feature need (its first check went without)
    cache.prepare(document);
  };
  const index = new WorkspaceIndex(
    documents,
    (document) => (isPromptDocument(document) ? undefined : cache.kind(document)),
    (filePath, text) => associatedKind(settings, URI.file(filePath).path) ?? declaredKind(filePath, text),
  );
  let roots: string[] = [];
  let liveSchemaDir: string | undefined;
  /** The first load of the live schemas, waiting for the first diagnostics (or, with no document open, a while). */
  let startupLoad: NodeJS.Timeout | undefined;
  /** Everything made from a schema is dropped, open files are checked again, and the client asks for the schema's name again. */
  const schemasChanged = () => {
    services.clear();
    cache.clear();
    for (const document of documents.all()) diagnostics.schedule(document);
    void connection.sendNotification(SchemasReloadedNotification.type);
  };
  const loadLiveSchemas = () => {
    clearTimeout(startupLoad);
    startupLoad = undefined;
    if (liveSchemaDir && reloadLiveSchemas(liveSchemaDir, connection.console)) schemasChanged();
  };
  const afterPublish = (document: TextDocument) => {
    // Loading takes a few hundred milliseconds: the bundled schema's diagnostics go out first.
    if (startupLoad) {
      clearTimeout(startupLoad);
      startupLoad = setTimeout(loadLiveSchemas, 0);
    }
    prepareFeatures(document);
  };
  const diagnostics = new DiagnosticsPublisher(connection, documents, cache, index, currentSettings, afterPublish);
  /** Files appeared, went or moved: a reference in an open file may lead somewhere else now. */
  const filesChanged = () => {
    for (const document of documents.all()) if (!isPromptDocument(document)) diagnostics.schedule(document);
  };

  /**
   * The open resource file and its parse, or undefined for documents the server was not given, prompts, other
   * files and files too deep to walk.
   */
  const parsedOf = async (uri: string) => {
    await settingsLoaded;
    const document = documents.get(uri);
    const parsed = document && !isPromptDocument(document) ? cache.get(document) : undefined;
    return parsed ? { document: document!, parsed } : undefined;
  };
  const logLimitExceeded = (what: string) => (uri: string) =>
    connection.console.info(`${uri}: only the first ${settings.maxItemsComputed} ${what} are computed (assistantConfig.maxItemsComputed).`);

  connection.onInitialize((params): InitializeResult => {
    clientCapabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as { [key in keyof InitializationOptions]?: unknown };
    if (typeof options.burstQuietMs === 'number' && options.burstQuietMs >= 0) diagnostics.burstQuietMs = options.burstQuietMs;
    if (typeof options.liveSchemaDir === 'string' && options.liveSchemaDir) liveSchemaDir = options.liveSchemaDir;
    pullsConfiguration = clientCapabilities.workspace?.configuration === true;
    roots = workspaceRoots(params);
    index.setRoots(roots);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', ...templateTriggerCharacters] },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { willRename: renamedFiles, didRename: renamedFiles },
        },
      },
      serverInfo: { name: 'assistant-config-language-server' },
    };
  });

  // Clients that answer workspace/configuration are asked; others push the section with the change.
  const loadSettings = async (pushed?: unknown) => {
    settings = readSettings(pullsConfiguration ? await connection.workspace.getConfiguration(settingsSection) : pushed);
    cache.clear();
  };
  connection.onInitialized(() => {
    // Most files are Vapi assistants (the default kind).
    setImmediate(() => diagnostics.prepare(kindById('vapi-assistant')));
    if (liveSchemaDir) startupLoad = setTimeout(loadLiveSchemas, startupLoadDelayMs);
    if (clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      const watchers = [
        { globPattern: `**/*{${indexedSuffixes.join(',')}}` },
        { globPattern: `**/${STATE_FILE}` },
        // A deleted folder takes its files along, and only the folder's deletion is reported.
        { globPattern: '**/*', kind: WatchKind.Delete },
      ];
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).then(
        () => (index.watching = true),
        (error) => connection.console.error(`Watching the workspace's files failed (${String(error)}); what was read of them is read again after a while.`),
      );
    }
    if (clientCapabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((change) => {
        const removed = new Set(change.removed.flatMap((folder) => filePathOf(folder.uri) ?? []));
        roots = [...roots.filter((root) => !removed.has(root)), ...change.added.flatMap((folder) => filePathOf(folder.uri) ?? [])];
        index.setRoots(roots);
        filesChanged();
      });
    }
    if (!pullsConfiguration) return;
    if (clientCapabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
    }
    // Nothing has been validated yet: validation waits for these settings.
    settingsLoaded = loadSettings();
  });
  connection.onDidChangeConfiguration((change) => {
    settingsLoaded = loadSettings((change.settings as Record<string, unknown> | null)?.[settingsSection]);
    // Open documents were validated under the old settings.
    for (const document of documents.all()) diagnostics.schedule(document);
  });

  connection.onNotification(SchemasChangedNotification.type, () => {
    if (liveSchemaDir) loadLiveSchemas();
    else connection.console.warn(`${SchemasChangedNotification.method}: no liveSchemaDir was given in initializationOptions; the bundled schemas stay in use.`);
  });

  documents.onDidChangeContent((event) => {
    diagnostics.schedule(event.document);
    // The prompt documents editing this file's strings know its variables: check them again.
    for (const prompt of documents.all()) if (promptLocation(prompt.uri)?.file === event.document.uri) diagnostics.schedule(prompt);
  });
  documents.onDidClose((event) => {
    cache.delete(event.document.uri);
    diagnostics.clear(event.document.uri);
  });

  /**
   * The template at a position, when there can be one: in a resource file only on a line with Liquid
   * markup (a JSON string is on one line), so other positions never pay for finding the file's templates.
   */
  const templateTargetAt = async (uri: string, unchecked: Position) => {
    await settingsLoaded;
    const document = documents.get(uri);
    if (!document) return undefined;
    const position = checkedPosition(document, unchecked);
    const offset = document.offsetAt(position);
    if (!isPromptDocument(document)) {
      const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
      if (!/\{[{%]/.test(line)) return undefined;
    }
    const target = templateAt(document, offset, documents, cache, settings);
    return target && { document, target, at: target.fromDocument(offset) };
  };

  /** An open resource file (not a prompt): what the reference features work on. */
  const resourceDocument = (uri: string) => {
    const document = documents.get(uri);
    return document && !isPromptDocument(document) ? document : undefined;
  };
  /**
   * The open resource file and the offset, when the position is in a string whose text `mayBe` a reference:
   * told from the line alone, so a position elsewhere never pays for finding the file's references.
   */
  const referringFileAt = async (uri: string, unchecked: Position, mayBe: (value: string, kind: ResourceKind) => boolean) => {
    await settingsLoaded;
    const document = resourceDocument(uri);
    const kind = document && cache.kind(document);
    if (!document || !kind) return undefined;
    const position = checkedPosition(document, unchecked);
    const literal = stringOnLineAt(document, position);
    const file = literal && mayBe(literal.value, kind) ? index.openFile(document) : undefined;
    return file && { file, offset: document.offsetAt(position) };
  };

  // Positions, ranges and options are checked (InvalidParams) and clamped into the document before any feature
  // sees them, so nothing a client sends can make a feature fail or answer with a range outside the document.
  connection.onCompletion((params, token) =>
    runCancellable(token, async () => {
      const inTemplate = await templateTargetAt(params.textDocument.uri, params.position);
      const items = inTemplate && templateCompletion(inTemplate.target, inTemplate.document, inTemplate.at);
      if (items) return items;
      // A character that only templates complete on asks nothing of the JSON completion.
      if (templateTriggerCharacters.includes(params.context?.triggerCharacter ?? '')) return null;
      const target = await parsedOf(params.textDocument.uri);
      if (!target) return null;
      const position = checkedPosition(target.document, params.position);
      const kind = cache.kind(target.document)!;
      return (await referenceCompletion(index, kind, target.parsed, target.document, position)) ?? complete(target.parsed, target.document, position);
    }),
  );
  connection.onHover((params, token) =>
    runCancellable(token, async () => {
      const inTemplate = await templateTargetAt(params.textDocument.uri, params.position);
      const templateInfo = inTemplate && templateHover(inTemplate.target, inTemplate.document, inTemplate.at);
      if (templateInfo) return templateInfo;
      const referring = await referringFileAt(params.textDocument.uri, params.position, (value, kind) => isFileReference(value) || isResourceId(kind.vendor, value));
      const referenceInfo = referring && referenceHover(index, referring.file, referring.offset);
      if (referenceInfo) return referenceInfo;
      const target = await parsedOf(params.textDocument.uri);
      return target ? hover(target.parsed, target.document, checkedPosition(target.document, params.position)) : null;
    }),
  );
  connection.languages.semanticTokens.on((params, token) =>
    runCancellable(token, async () => {
      await settingsLoaded;
      const document = documents.get(params.textDocument.uri);
      return document ? semanticTokens(document, templatesOf(document, documents, cache, settings)) : { data: [] };
    }),
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    runCancellable(token, async () => {
      await settingsLoaded;
      const document = documents.get(params.textDocument.uri);
      return document ? semanticTokens(document, templatesOf(document, documents, cache, settings), checkedRange(document, params.range)) : { data: [] };
    }),
  );
  connection.onCodeAction((params, token) =>
    runCancellable(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const range = checkedRange(document, params.range);
      const kind = isPromptDocument(document) ? undefined : cache.kind(document);
      const edits = clientCapabilities.workspace?.workspaceEdit;
      const createsFiles = edits?.documentChanges === true && (edits.resourceOperations ?? []).includes('create');
      // Asked on every cursor move: only a position in a raw id may offer its reference.
      const referring = await referringFileAt(document.uri, range.start, (value, of) => isResourceId(of.vendor, value));
      const moreQuickFixes = () => (referring ? useReferenceActions(index, referring.file, range) : []);
      return codeActions(document, kind, params.context, { createsFiles, moreQuickFixes });
    }),
  );
  connection.onDefinition((params, token) =>
    runCancellable(token, async () => {
      const referring = await referringFileAt(params.textDocument.uri, params.position, isFileReference);
      const linkSupport = clientCapabilities.textDocument?.definition?.linkSupport === true;
      return referring ? definition(index, referring.file, referring.offset, linkSupport) : null;
    }),
  );
  connection.onReferences((params, token) =>
    runCancellable(token, async () => {
      await settingsLoaded;
      const document = documents.get(params.textDocument.uri);
      const documentPath = document && filePathOf(document.uri);
      if (!document || !documentPath) return [];
      const position = checkedPosition(document, params.position);
      const file = isPromptDocument(document) ? undefined : index.openFile(document);
      return fileReferences(index, referencedFile(documentPath, file, document.offsetAt(position)));
    }),
  );
  connection.workspace.onWillRenameFiles(
    (params, token) =>
      // The protocol's types give this request no error; a cancelled one is answered as every other request is.
      runCancellable(token, async () => {
        await settingsLoaded;
        return renameEdits(index, Array.isArray(params?.files) ? params.files : []);
      }) as Promise<WorkspaceEdit | null>,
  );
  // What moved in the editor is known at once, whether or not the client watches files.
  connection.workspace.onDidRenameFiles((params) => {
    const files: FileRename[] = Array.isArray(params?.files) ? params.files : [];
    index.changed(files.flatMap((file) => [{ uri: file.oldUri, type: FileChangeType.Deleted }, { uri: file.newUri, type: FileChangeType.Created }]));
    filesChanged();
  });
  connection.onDidChangeWatchedFiles((params) => {
    index.changed(Array.isArray(params?.changes) ? params.changes : []);
    filesChanged();
  });
  connection.onDocumentSymbol((params, token) =>
    runCancellable(token, async () => {
      const target = await parsedOf(params.textDocument.uri);
      const hierarchical = clientCapabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
      return target
        ? documentSymbols(target.parsed, target.document, hierarchical, settings.maxItemsComputed, logLimitExceeded('symbols'))
        : [];
    }),
  );
  connection.onFoldingRanges((params, token) =>
    runCancellable(token, async () => {
      const target = await parsedOf(params.textDocument.uri);
      return target ? foldingRanges(target.parsed, target.document, settings.maxItemsComputed, logLimitExceeded('folding ranges')) : [];
    }),
  );
  connection.onSelectionRanges((params, token) =>
    runCancellable(token, async () => {
      // Positions are checked even when the document is too deep to answer for.
      const document = documents.get(params.textDocument.uri);
      if (document) checkedPositions(document, params.positions);
      const target = await parsedOf(params.textDocument.uri);
      return target ? selectionRanges(target.parsed, target.document, checkedPositions(target.document, params.positions)) : [];
    }),
  );
  /** Formatting needs the parse: a document too deep to walk is refused with a reason, not silently left alone. */
  const formattable = async (uri: string) => {
    const target = await parsedOf(uri);
    const document = documents.get(uri);
    if (!target && document && !isPromptDocument(document) && cache.tooDeep(document)) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `Not formatted: the file nests more than ${maxNestingDepth} levels deep.`);
    }
    return target;
  };
  connection.onDocumentFormatting((params, token) =>
    runCancellable(token, async () => {
      const options = checkedFormattingOptions(params.options);
      const target = await formattable(params.textDocument.uri);
      return target ? format(target.parsed, target.document, options) : [];
    }),
  );
  connection.onDocumentRangeFormatting((params, token) =>
    runCancellable(token, async () => {
      const options = checkedFormattingOptions(params.options);
      const target = await formattable(params.textDocument.uri);
      return target ? format(target.parsed, target.document, options, checkedRange(target.document, params.range)) : [];
    }),
  );
  connection.onRequest(SchemaInfoRequest.type, (params, token) =>
    runCancellable(token, async () => {
      await settingsLoaded;
      const document = documents.get(params.uri);
      const kind = document && !isPromptDocument(document) ? cache.kind(document) : undefined;
      return kind ? schemaInfo(kind) : null;
    }),
  );

  connection.onRequest(TemplateStringsRequest.type, (params, token) =>
    runCancellable(token, async () => {
      await settingsLoaded;
      const document = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
      if (!document || isPromptDocument(document)) return [];
      return templateStrings(document, cache, params.position === undefined ? undefined : checkedPosition(document, params.position));
    }),
  );

  // Push checks the file here, so VS Code holds one validator (the setting `validate` is for the editor's
  // problems only: a push is always checked).
  connection.onRequest(ValidateRequest.type, (params, token) =>
    runCancellable(token, async () => {
      if (typeof params?.text !== 'string' || !isKindId(params.kind)) {
        return new ResponseError(ErrorCodes.InvalidParams, 'assistantConfig/validate needs { text: string, kind: a known kind id }');
      }
      await settingsLoaded;
      return validateFile(params.text, kindById(params.kind), { templateVariables: settings.templateVariables });
    }),
  );

  documents.listen(connection);
  connection.listen();
}
