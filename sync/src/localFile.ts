// Reading an assistant file: its object, and the checks every command makes before touching the network.
import { parse, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import { detectAssistantKind, vendorNames } from '../../shared/src/assistantKind';
import { validateAssistant } from '../../server/src/validation';
import { SyncError } from './errors';
import type { FileDiagnostic, LocalFile, Vendor } from './index';
import type { JsonObject } from './normalise';
import { isJsonObject } from './normalise';

/** The top-level object of an assistant file, or undefined if the text is not a JSON object without syntax errors. */
export function parseAssistantText(text: string): JsonObject | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length === 0 && isJsonObject(value) ? value : undefined;
}

/** Refuses to send a Vapi file to an Insighto environment and vice versa. */
export function checkFileVendor(filePath: string, text: string, envName: string, vendor: Vendor): void {
  const kind = detectAssistantKind(path.basename(filePath), text);
  if (kind !== vendor) {
    throw new SyncError(
      'config',
      `${path.basename(filePath)} is a ${vendorNames[kind]} assistant file but environment '${envName}' is ${vendorNames[vendor]}.`,
    );
  }
}

/** Error-level schema diagnostics that block a push (empty when the file may be pushed). */
export function validateForPush(file: LocalFile, vendor: Vendor): FileDiagnostic[] {
  return validateAssistant(file.text, vendor).filter((diagnostic) => diagnostic.severity === 1);
}

/** The file's object, or a 'validation' SyncError carrying its syntax errors. */
export function requireAssistantObject(file: LocalFile, vendor: Vendor): JsonObject {
  const parsed = parseAssistantText(file.text);
  if (parsed) return parsed;
  throw new SyncError('validation', `${path.basename(file.path)} is not a valid JSON object; fix its syntax first.`, {
    diagnostics: validateForPush(file, vendor),
  });
}
