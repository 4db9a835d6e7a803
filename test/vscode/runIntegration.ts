// Runs the integration tests (test/integration, mocha in the extension host) inside code-server, the way
// @vscode/test-electron does in desktop VS Code: the workbench URL carries extensionDevelopmentPath and
// extensionTestsPath, and the result comes back through window.codeAutomationExit.
// Usage (after `npm run build`): node --import tsx test/vscode/runIntegration.ts — exits non-zero on any failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { checkTools, elapsed, isolateHome, launchBrowser, remoteUri, root, startCodeServer, workbenchUrl } from './codeServer';
import { runPasses, testsEntry, type Pass } from './integrationPasses';

async function runInCodeServer(pass: Pass): Promise<boolean> {
  const started = Date.now();
  const server = await startCodeServer(pass.profile, { trusted: pass.name !== 'untrusted', logFile: path.join(pass.dir, 'code-server.log'), env: pass.env });
  const browser = await launchBrowser(path.join(pass.dir, 'browser-profile'));
  const hostLog = fs.createWriteStream(path.join(pass.dir, 'extension-host.log'));
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    let exit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (exit = resolve));
    // While tests run, the workbench forwards the extension host's console here and reports the exit code.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(args ?? []));
      hostLog.write(`${type}: ${line}\n`);
      process.stdout.write(`  ${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(
      workbenchUrl(server, pass.workspace, [
        ['extensionDevelopmentPath', remoteUri(server, root)],
        ['extensionTestsPath', remoteUri(server, testsEntry)],
      ]),
    );
    const code = await Promise.race([exited, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 300_000))]);
    if (code !== 0) await page.screenshot({ path: path.join(pass.dir, 'failure.png') }).catch(() => undefined);
    console.log(`[${pass.name}] code-server run ${code === -1 ? 'timed out' : `exited ${code}`} after ${elapsed(started)}`);
    return code === 0;
  } finally {
    hostLog.end();
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  checkTools();
  isolateHome();
  process.exit((await runPasses(runInCodeServer)) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
