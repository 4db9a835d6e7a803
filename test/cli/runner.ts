// Runs the `assistant-config` CLI as a user does (a child process, from the sources) in a test workspace.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { keys } from '../sync/helpers';

const projectRoot = path.resolve(__dirname, '../..');
const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
export const cliEntry = path.join(projectRoot, 'cli/src/cli.ts');
export const cliNodeArgs = ['--import', tsxLoader, cliEntry];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner in `cwd` with `home` as HOME and the test keys set; every output is also given to `record`. */
export function cliRunner(cwd: () => string, home: () => string, record: (output: string) => void = () => undefined) {
  return (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [...cliNodeArgs, ...args],
        { cwd: cwd(), env: { PATH: process.env.PATH ?? '', HOME: home(), VAPI_API_KEY: keys.vapi, INSIGHTO_API_KEY: keys.insighto, ...env } },
        (error, stdout, stderr) => {
          record(stdout);
          record(stderr);
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });
}
