// Live schemas in VS Code: "Assistant Config: Update Schemas from Live API" and a background check at most once
// a day. Both fetch the Vapi OpenAPI document of an environment's base URL (it is public: no key is sent),
// convert it in a worker thread, cache it in the extension's global storage (the folder the language server
// reads: initializationOptions.liveSchemaDir), list the changes in the log and tell the server to load it.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { defaultBaseUrl, vendorNames } from '../../core/src/kinds';
import type { UpdateResult } from '../../core/src/liveSchemas';
import { SchemasChangedNotification } from '../../shared/src/protocol';
import { runSchemaUpdate, SchemaUpdateCancelled, type SchemaUpdateDone } from './schemaUpdate';
import type { Services } from './services';
import { schemasAutoUpdate } from './settings';

/** The background check waits this long after activation, so that it never competes with opening files. */
const backgroundDelayMs = 30_000;
/** How often a long session asks whether a check is due (the worker decides: a day after the last one). */
const backgroundEveryMs = 60 * 60 * 1000;

/** Where the live schemas are kept: the server reads the same folder. */
export function liveSchemaDir(context: vscode.ExtensionContext): string {
  return context.globalStorageUri.fsPath;
}

/** The base URL the document is fetched from: the selected environment when it is Vapi's, else the first Vapi one, else Vapi's default. */
function vapiBaseUrl(services: Services): { baseUrl: string; from: string } {
  const selected = services.environments.selected();
  const env = selected?.vendor === 'vapi' ? selected : services.environments.all().find((candidate) => candidate.vendor === 'vapi');
  return env ? { baseUrl: env.baseUrl, from: `environment '${env.name}'` } : { baseUrl: defaultBaseUrl('vapi'), from: 'the default base URL' };
}

export function registerSchemaUpdates(context: vscode.ExtensionContext, services: Services, client: LanguageClient): vscode.Disposable {
  const root = liveSchemaDir(context);
  const workerFile = context.asAbsolutePath('dist/schemaUpdate.js');
  const { log } = services;
  /** One update at a time: the command waits for a background check that is under way. */
  let running: Promise<UpdateResult | undefined> | undefined;

  /** The update's result, or undefined when `onlyIfDue` and the last check is not a day old. */
  const update = (onProgress: (message: string) => void, options: { token?: vscode.CancellationToken; onlyIfDue?: boolean } = {}): Promise<UpdateResult | undefined> => {
    if (running) return running;
    const { baseUrl, from } = vapiBaseUrl(services);
    const run = runSchemaUpdate(workerFile, { root, vendor: 'vapi', baseUrl, onlyIfDue: options.onlyIfDue }, onProgress);
    const cancelling = options.token?.onCancellationRequested(() => run.cancel());
    running = run.result
      .then((done) => {
        if (done === 'not-due') return undefined;
        log.info(`Checked the Vapi schema: ${baseUrl}/api-json (${from}; no key was sent).`);
        report(done);
        return done.result;
      })
      .finally(() => {
        cancelling?.dispose();
        running = undefined;
      });
    return running;
  };

  /** The log says what happened; after an update, what changed, and the server loads the new set. */
  const report = ({ result, diff: lines }: SchemaUpdateDone) => {
    const took = `fetched in ${Math.round(result.timings.fetchMs)} ms${result.timings.convertMs === undefined ? '' : `, converted and compiled in ${Math.round(result.timings.convertMs)} ms`}`;
    if (result.outcome === 'failed') {
      log.warn(`The Vapi schema was not updated: ${result.message}`);
      return;
    }
    const meta = result.meta!;
    if (result.outcome === 'unchanged') {
      log.info(`The Vapi schema is up to date: the document is the one first seen ${meta.date} (sha256 ${meta.hash.slice(0, 12)}); ${took}.`);
      return;
    }
    log.info(`The Vapi schema was updated: document of ${meta.date} (sha256 ${meta.hash.slice(0, 12)}); ${took}.`);
    if (meta.diff) log.info(lines.length ? `Changes since the ${meta.diff.from.origin} schema of ${meta.diff.from.date}:\n${lines.join('\n')}` : `No fields or values changed since the ${meta.diff.from.origin} schema of ${meta.diff.from.date}.`);
    void client.sendNotification(SchemasChangedNotification.type);
  };

  const command = vscode.commands.registerCommand('assistantConfig.updateSchemas', () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Updating the Vapi schema from the live API', cancellable: true },
      async (progress, token) => {
        try {
          const onProgress = (message: string) => progress.report({ message });
          // A background check that found nothing due ends without a result: then this one runs.
          const result = (await update(onProgress, { token })) ?? (await update(onProgress, { token }))!;
          const name = vendorNames.vapi;
          if (result.outcome === 'failed') {
            void vscode.window.showErrorMessage(`${name} schema not updated: ${result.message}`, 'Show Log').then((choice) => choice && log.show());
          } else if (result.outcome === 'unchanged') {
            void vscode.window.showInformationMessage(`The ${name} schema is up to date (live, document of ${result.meta!.date}).`);
          } else {
            const diff = result.meta!.diff;
            const counts = diff ? ` ${diff.fieldsAdded.length} fields and ${diff.valuesAdded.length} values added, ${diff.fieldsRemoved.length} fields and ${diff.valuesRemoved.length} values removed.` : '';
            void vscode.window.showInformationMessage(`${name} schema updated from the live API (document of ${result.meta!.date}).${counts}`, 'Show Changes').then((choice) => choice && log.show());
          }
          return result.outcome;
        } catch (error) {
          if (error instanceof SchemaUpdateCancelled) {
            log.info(error.message);
            return 'cancelled';
          }
          log.error(`The schema update failed: ${error instanceof Error ? error.message : String(error)}`);
          void vscode.window.showErrorMessage(`The schema update failed: ${error instanceof Error ? error.message : String(error)}`);
          return 'failed';
        }
      },
    ),
  );

  // The background check: quiet (the log only), and only when the last one is a day old.
  const background = () => {
    if (!schemasAutoUpdate()) return;
    update(() => undefined, { onlyIfDue: true }).catch((error: unknown) => log.warn(`The background schema check failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const first = setTimeout(background, backgroundDelayMs);
  const hourly = setInterval(background, backgroundEveryMs);
  return vscode.Disposable.from(command, { dispose: () => (clearTimeout(first), clearInterval(hourly)) });
}
