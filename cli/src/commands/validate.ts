// validate <files..>: schema and template diagnostics (a `.md` file is one prompt: its template checks only);
// exit 1 if any is an error. --format says how they are printed: text (`file:line:col severity message`),
// json, github (workflow commands that annotate the pull request) or sarif (SARIF 2.1.0, for code scanning).
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../../../core/src/kindOfFile';
import { productVersion } from '../../../core/src/productVersion';
import { promptDiagnostics } from '../../../core/src/templates';
import { validateFile, type ValidationOptions } from '../../../core/src/validation';
import type { FileDiagnostic } from '../../../sync/src/index';
import { readInputFile, unreadable, UsageError } from '../inputFiles';
import { formatDiagnostic } from '../output';
import { exitCodes } from '../usage';
import type { Io } from '../io';

export const validateFormats = ['text', 'json', 'github', 'sarif'] as const;
export type ValidateFormat = (typeof validateFormats)[number];

interface Checked {
  file: string;
  diagnostics: FileDiagnostic[];
}

const severityNames: Record<number, 'error' | 'warning' | 'info' | 'hint'> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function severityOf(diagnostic: FileDiagnostic): 'error' | 'warning' | 'info' | 'hint' {
  return severityNames[diagnostic.severity ?? 1];
}

/** The file as a forward-slash path relative to the current folder (how CI and code scanning name files). */
function relativeUri(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative).split(path.sep).join('/');
}

function messageOf(diagnostic: FileDiagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
}

function ruleOf(diagnostic: FileDiagnostic): string {
  return diagnostic.code === undefined ? 'schema' : String(diagnostic.code);
}

function asJson(checked: Checked[]): string {
  const entries = checked.flatMap(({ file, diagnostics }) =>
    diagnostics.map((diagnostic) => ({
      file: relativeUri(file),
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
      severity: severityOf(diagnostic),
      code: ruleOf(diagnostic),
      message: messageOf(diagnostic),
    })),
  );
  return JSON.stringify(entries, null, 2);
}

/** GitHub workflow commands: `::error file=…,line=…,col=…::message`, escaped as the runner reads them. */
function asGithub(checked: Checked[]): string[] {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const commands = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
  return checked.flatMap(({ file, diagnostics }) =>
    diagnostics.map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const where = `file=${property(relativeUri(file))},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1},title=${property(`assistant-config ${ruleOf(diagnostic)}`)}`;
      return `::${commands[severityOf(diagnostic)]} ${where}::${data(messageOf(diagnostic))}`;
    }),
  );
}

/** A SARIF 2.1.0 log with one run: a rule per diagnostic code, a result per diagnostic, regions 1-based in UTF-16 units. */
export function asSarif(checked: Checked[]): object {
  const levels = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
  const rules = [...new Set(checked.flatMap(({ diagnostics }) => diagnostics.map(ruleOf)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'assistant-config',
            version: productVersion(),
            informationUri: 'https://github.com/assistant-config/assistant-config',
            rules: rules.map((id) => ({ id, shortDescription: { text: id === 'schema' ? 'Schema check' : `Assistant Config: ${id}` } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: checked.flatMap(({ file, diagnostics }) =>
          diagnostics.map((diagnostic) => ({
            ruleId: ruleOf(diagnostic),
            ruleIndex: rules.indexOf(ruleOf(diagnostic)),
            level: levels[severityOf(diagnostic)],
            message: { text: messageOf(diagnostic) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(file) },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

export async function validateCommand(files: string[], io: Io, options: ValidationOptions & { format?: string } = {}): Promise<number> {
  const format = (options.format ?? 'text') as ValidateFormat;
  if (!validateFormats.includes(format)) throw new UsageError(`--format must be one of ${validateFormats.join(', ')}.`);
  if (files.length === 0) {
    io.err('validate: name at least one file.');
    return exitCodes.usage;
  }
  // A name that is not a file is a mistake in the command: none is checked until every name is right.
  const problems = (await Promise.all(files.map(unreadable))).filter((problem) => problem !== undefined);
  if (problems.length) throw new UsageError(problems.join('\n'));
  const checked: Checked[] = [];
  for (const file of files) {
    const text = await readInputFile(file);
    const diagnostics = file.toLowerCase().endsWith('.md')
      ? promptDiagnostics(TextDocument.create(file, 'markdown', 0, text), {}, [], options)
      : validateFile(text, detectKind(path.basename(file), text), options);
    checked.push({ file, diagnostics });
  }
  const all = checked.flatMap(({ diagnostics }) => diagnostics);
  const errors = all.filter((diagnostic) => diagnostic.severity === 1).length;
  const warnings = all.filter((diagnostic) => diagnostic.severity === 2).length;
  if (format === 'text') for (const { file, diagnostics } of checked) for (const diagnostic of diagnostics) io.out(formatDiagnostic(file, diagnostic));
  else if (format === 'json') io.out(asJson(checked));
  else if (format === 'github') for (const line of asGithub(checked)) io.out(line);
  else io.out(JSON.stringify(asSarif(checked), null, 2));
  io.err(`${errors} error(s), ${warnings} warning(s) in ${files.length} file(s).`);
  return errors > 0 ? exitCodes.failed : exitCodes.ok;
}
