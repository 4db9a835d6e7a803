// validate <files..>: schema diagnostics as `file:line:col severity message`; exit 1 if any is an error.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { detectKind } from '../../../core/src/kindOfFile';
import { validateFile } from '../../../core/src/validation';
import { formatDiagnostic } from '../output';
import { exitCodes } from '../usage';
import type { Io } from '../io';

export async function validateCommand(files: string[], io: Io): Promise<number> {
  if (files.length === 0) {
    io.err('validate: name at least one file.');
    return exitCodes.usage;
  }
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.err(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      errors++;
      continue;
    }
    for (const diagnostic of validateFile(text, detectKind(path.basename(file), text))) {
      io.out(formatDiagnostic(file, diagnostic));
      if (diagnostic.severity === 1) errors++;
      else if (diagnostic.severity === 2) warnings++;
    }
  }
  io.err(`${errors} error(s), ${warnings} warning(s) in ${files.length} file(s).`);
  return errors > 0 ? exitCodes.failed : exitCodes.ok;
}
