// Code actions: each diagnostic the validator attached fixes to becomes one quick fix per fix (a missing
// reference's fix creates the file), other quick fixes come from the caller (a raw id that could be a
// reference), and Fix All (`source.fixAll`, also what the client's Migrate and Push applies) makes every
// certain migration of a legacy field at once.
import { CodeActionKind, type CodeAction, type CodeActionContext, type Position, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResourceKind } from '../../core/src/kinds';
import { validateFile, type QuickFix } from '../../core/src/validation';
import type { PublishedDiagnosticData } from './diagnostics';
import type { FileToCreate } from './referenceProblems';

/** The `source` validateAssistant gives its diagnostics (TEAM.md interface 2). */
const validatorSource = 'assistant-config';

/** Whether a requested kind (hierarchical: `source` covers `source.fixAll`) covers `kind`. */
function covers(requested: string, kind: string): boolean {
  return requested === kind || kind.startsWith(`${requested}.`);
}

/** The kinds asked for (`context.only`, which comes from the client: strings only), or undefined for any. */
function requestedKinds(context: CodeActionContext): string[] | undefined {
  return Array.isArray(context?.only) ? context.only.filter((kind): kind is string => typeof kind === 'string') : undefined;
}

export interface CodeActionOptions {
  /** Whether the client applies workspace edits that create files. */
  createsFiles: boolean;
  /** Quick fixes that need no diagnostic, asked for only when quick fixes are. */
  moreQuickFixes: () => CodeAction[];
}

/** The code actions asked for: quick fixes (the default), Fix All only when asked for by kind. */
export function codeActions(document: TextDocument, kind: ResourceKind | undefined, context: CodeActionContext, options: CodeActionOptions): CodeAction[] {
  const only = requestedKinds(context);
  const actions = quickFixes(document, context, options.createsFiles);
  if (!only || only.some((requested) => covers(requested, CodeActionKind.QuickFix))) actions.push(...options.moreQuickFixes());
  if (kind && only?.some((requested) => covers(requested, CodeActionKind.SourceFixAll))) {
    const fixAll = migrateAll(document, kind);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Whether an edit the client handed back (in a diagnostic's data) still lies inside the document. */
function fitsDocument(document: TextDocument, edit: unknown): edit is TextEdit {
  const { range, newText } = (edit ?? {}) as Partial<TextEdit>;
  const isPosition = (p: unknown): p is Position => {
    const { line, character } = (p ?? {}) as Partial<Position>;
    return Number.isInteger(line) && Number.isInteger(character) && line! >= 0 && character! >= 0;
  };
  if (typeof newText !== 'string' || !isPosition(range?.start) || !isPosition(range?.end)) return false;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  // offsetAt clamps: an edit is kept only if clamping changed nothing.
  const same = (p: Position, offset: number) => {
    const back = document.positionAt(offset);
    return back.line === p.line && back.character === p.character;
  };
  return start <= end && same(range.start, start) && same(range.end, end);
}

function quickFixes(document: TextDocument, context: CodeActionContext, createsFiles: boolean): CodeAction[] {
  const only = requestedKinds(context);
  if (only && !only.some((requested) => covers(requested, CodeActionKind.QuickFix))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of Array.isArray(context?.diagnostics) ? context.diagnostics : []) {
    if (diagnostic?.source !== validatorSource) continue;
    const data = diagnostic.data as PublishedDiagnosticData | undefined;
    // Fix edits hold offsets of the version they were computed for; after an edit they wait for the
    // next validation rather than land in the wrong place. The data comes back from the client, so it is
    // checked again.
    if (data?.version !== document.version) continue;
    const createFile = createsFiles ? fileCreation(data.createFile) : undefined;
    if (createFile) actions.push({ ...createFile, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true });
    if (!Array.isArray(data.fixes)) continue;
    for (const fix of data.fixes) {
      if (typeof fix?.title !== 'string' || !Array.isArray(fix.edits) || !fix.edits.every((edit) => fitsDocument(document, edit))) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
  }
  return actions;
}

/** A diagnostic's file to create as an edit; the data comes back from the client, so it is checked again. */
function fileCreation(file: FileToCreate | undefined): Pick<CodeAction, 'title' | 'edit'> | undefined {
  const { title, uri, text } = (file ?? {}) as Partial<FileToCreate>;
  if (typeof title !== 'string' || typeof uri !== 'string' || !uri.startsWith('file:') || typeof text !== 'string') return undefined;
  // No overwrite or ignoreIfExists: a file created meanwhile makes the edit fail rather than get the snippet pasted in.
  const documentChanges: WorkspaceEdit['documentChanges'] = [{ kind: 'create', uri }];
  if (text) documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] });
  return { title, edit: { documentChanges } };
}

/** At most this many fixes in one Fix All (each is one legacy field; a file has a handful). */
const maxMigrations = 100;

/**
 * Every certain migration in the file, as one edit: the fixes are applied one at a time, each computed on
 * the text the previous one left (two fields moving into one new object would otherwise both create it).
 */
function migrateAll(document: TextDocument, kind: ResourceKind): CodeAction | undefined {
  const original = document.getText();
  let text = original;
  const moved: string[] = [];
  for (let i = 0; i < maxMigrations; i++) {
    const fix = validateFile(text, kind)
      .flatMap((diagnostic) => ((diagnostic.data as { fixes?: QuickFix[] } | undefined)?.fixes ?? []))
      .find((candidate) => candidate.migration);
    if (!fix) break;
    text = TextDocument.applyEdits(TextDocument.create(document.uri, document.languageId, 0, text), fix.edits);
    moved.push(fix.title.replace(/^Move /, ''));
  }
  if (!moved.length) return undefined;
  return {
    title: `Migrate ${moved.length} legacy field${moved.length > 1 ? 's' : ''} to ${moved.length > 1 ? 'their' : 'its'} current place${moved.length > 1 ? 's' : ''}: ${moved.join(', ')}`,
    kind: CodeActionKind.SourceFixAll,
    edit: { changes: { [document.uri]: [changedRange(document, original, text)] } },
  };
}

/** One edit from `before` to `after` that spans only what changed (the common start and end are kept). */
function changedRange(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    range: { start: document.positionAt(start), end: document.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}
