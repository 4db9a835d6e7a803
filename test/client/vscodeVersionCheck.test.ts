// The stand-in for semver in the extension's bundle (client/src/vscodeVersionCheck.ts) answers the language client's
// version check as semver does, for the range the installed vscode-languageclient asks for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse, satisfies } from '../../client/src/vscodeVersionCheck';

// The semver the language client requires, and its range, read where it keeps it (lib/node/main.js).
const clientMainFile = require.resolve('vscode-languageclient/node');
const clientRequire = (id: string): unknown => require(require.resolve(id, { paths: [path.dirname(clientMainFile)] }));
type SemVer = { prerelease: unknown[] };
const semverParse = clientRequire('semver/functions/parse') as (text: string) => SemVer | null;
const semverSatisfies = clientRequire('semver/functions/satisfies') as (version: SemVer, range: string) => boolean;
const clientMain = readFileSync(clientMainFile, 'utf8');
const requiredRange = /const REQUIRED_VSCODE_VERSION = '([^']+)'/.exec(clientMain)?.[1];

/** The client's checkVersion with the given parse and satisfies: undefined when the version is not one. */
function check<V extends SemVer>(text: string, parseVersion: (text: string) => V | null, satisfiesRange: (version: V, range: string) => boolean, range: string): boolean | undefined {
  const version = parseVersion(text);
  if (!version) return undefined;
  if (version.prerelease.length > 0) version.prerelease = [];
  return satisfiesRange(version, range);
}

describe('the version check of the language client in the extension bundle', () => {
  it('reads the range the language client asks for', () => assert.match(requiredRange ?? '', /^\^[1-9]\d*\.\d+\.\d+$/));

  const versions = ['1.100.0', '1.101.0-insider', '1.91.0', '1.91.1', '1.90.9', '1.9.0', '2.0.0', '0.91.0', '1.100.0+build.7', 'v1.95.2', ' 1.100.0 ', '1.100', '01.100.0', 'insiders', ''];
  for (const text of versions) {
    it(`answers as semver for ${JSON.stringify(text)}`, () => {
      const range = requiredRange ?? '';
      assert.equal(check(text, parse, satisfies, range), check(text, semverParse, semverSatisfies, range));
    });
  }

  it('refuses a kind of range it does not know rather than answer it', () => {
    assert.throws(() => satisfies({ major: 1, minor: 100, patch: 0, prerelease: [] }, '>=1.91.0'), /does not know the version range ">=1.91.0"/);
  });
});
