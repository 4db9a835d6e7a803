// Diagnostics on file references: a reference whose text cannot name a file of its target kind, one to a file
// that does not exist (with a quick fix that creates it from the kind's snippet) and one to a file of another
// kind. Published with validateFile's problems; existence comes from the workspace index's cached checks, so a
// keystroke costs no file system access once the file's references have been checked.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { declaredKind } from '../../core/src/kindOfFile';
import { kindTitle, withArticle, type ResourceKind } from '../../core/src/kinds';
import { isFileReference, isResourceTarget, referenceTextProblem, resolveReference, targetKind } from '../../core/src/references';
import { acceptedBody } from '../../core/src/schemaGeneration/snippets';
import { loadSchema } from '../../core/src/validation';
import { referenceRange, type ResourceFile } from './workspaceIndex';

const source = 'assistant-config';

/** A file the quick fix creates, carried in the diagnostic's data. */
export interface FileToCreate {
  title: string;
  uri: string;
  text: string;
}

export function referenceProblems(file: ResourceFile, isFile: (filePath: string) => boolean): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const reference of file.references) {
    const { value, target } = reference.site;
    if (!isFileReference(value)) continue;
    const problem = (code: string, message: string, data?: { createFile: FileToCreate }): Diagnostic => ({
      range: referenceRange(file, reference),
      severity: DiagnosticSeverity.Error,
      source,
      code,
      message,
      ...(data ? { data } : {}),
    });
    const textProblem = referenceTextProblem(file.kind, target, value);
    if (textProblem) {
      problems.push(problem('reference-wrong-kind', textProblem));
      continue;
    }
    const targetPath = resolveReference(file.path, value);
    const wanted = isResourceTarget(target) ? targetKind(file.kind, target) : undefined;
    const what = wanted ? wanted.noun : 'prompt';
    if (!isFile(targetPath)) {
      const createFile = { title: wanted ? `Create ${value} from a snippet` : `Create ${value}`, uri: URI.file(targetPath).toString(), text: newFileText(wanted) };
      problems.push(problem('reference-missing', `There is no ${what} file ${value}.`, { createFile }));
      continue;
    }
    const found = wanted && declaredKind(targetPath, '');
    if (wanted && found && found.id !== wanted.id) {
      problems.push(problem('reference-wrong-kind', `${value} is ${withArticle(kindTitle(found))} file; this field refers to ${withArticle(kindTitle(wanted))}.`));
    }
  }
  return problems;
}

/**
 * A new file's text: the kind's whole-file snippet with its placeholders at their defaults (a function tool for a
 * tool, the usual kind of tool file), or nothing for a prompt.
 */
function newFileText(kind: ResourceKind | undefined): string {
  if (!kind) return '';
  const snippets = (loadSchema(kind).defaultSnippets ?? []) as { body?: unknown }[];
  const chosen = snippets.find((snippet) => (snippet.body as { type?: unknown } | undefined)?.type === 'function') ?? snippets[0];
  return chosen ? `${JSON.stringify(acceptedBody(chosen.body), null, 2)}\n` : '{}\n';
}
