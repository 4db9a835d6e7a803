// Runs the same integration tests in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (a contributor's laptop, hosted CI). It cannot work offline; use runIntegration.ts there.
// Usage (after `npm run build`): node --import tsx test/vscode/runIntegrationElectron.ts
import { runTests } from '@vscode/test-electron';
import { root } from './codeServer';
import { runPasses, testsEntry, type Pass } from './integrationPasses';

async function runInDesktop(pass: Pass): Promise<boolean> {
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: pass.env,
      launchArgs: [
        pass.workspace,
        '--user-data-dir', pass.profile.userDataDir,
        '--extensions-dir', pass.profile.extensionsDir,
        '--disable-extensions',
        ...(pass.name === 'untrusted' ? [] : ['--disable-workspace-trust']),
      ],
    });
    return true;
  } catch (error) {
    console.error(`[${pass.name}] ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

runPasses(runInDesktop).then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
