// validate <files..>: schema and template diagnostics as `file:line:col severity message` (a `.md` file is
// one prompt: its template checks only); exit 1 if any is an error.
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../../../core/src/kindOfFile';
import { promptDiagnostics } from '../../../core/src/templates';
import { validateFile, type ValidationOptions } from '../../../core/src/validation';
import { readInputFile, unreadable, UsageError } from '../inputFiles';
import { formatDiagnostic } from '../output';
import { exitCodes } from '../usage';
import type { Io } from '../io';

export async function validateCommand(files: string[], io: Io, options: ValidationOptions = {}): Promise<number> {
  if (files.length === 0) {
    io.err('validate: name at least one file.');
    return exitCodes.usage;
  }
  // A name that is not a file is a mistake in the command: none is checked until every name is right.
  const problems = (await Promise.all(files.map(unreadable))).filter((problem) => problem !== undefined);
  if (problems.length) throw new UsageError(problems.join('\n'));
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const text = await readInputFile(file);
    const diagnostics = file.toLowerCase().endsWith('.md')
      ? promptDiagnostics(TextDocument.create(file, 'markdown', 0, text), {}, [], options)
      : validateFile(text, detectKind(path.basename(file), text), options);
    for (const diagnostic of diagnostics) {
      io.out(formatDiagnostic(file, diagnostic));
      if (diagnostic.severity === 1) errors++;
      else if (diagnostic.severity === 2) warnings++;
    }
  }
  io.err(`${errors} error(s), ${warnings} warning(s) in ${files.length} file(s).`);
  return errors > 0 ? exitCodes.failed : exitCodes.ok;
}
