// vscode-languageclient checks the VS Code it runs in with two of semver's functions: parse(vscode.version) and
// satisfies(that version, '^1.91.0'). The extension's build (scripts/build.mjs) gives it these two instead of
// semver's: semver is 20 KB of the bundle, most of it a range grammar it compiles into regular expressions at load.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const versionPattern = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const caretRangePattern = /^\^([1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** semver's parse, for the parts the client reads: a version such as "1.100.0" or "1.101.0-insider", or null. */
export function parse(text: string): Version | null {
  const match = versionPattern.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [] };
}

/** semver's satisfies for the one kind of range the language client asks for, a caret range from 1.0.0 on ("^1.91.0"). */
export function satisfies(version: Version, range: string): boolean {
  const match = caretRangePattern.exec(range);
  // Anything else means the language client changed its check: fail it loudly rather than answer wrongly.
  if (!match) throw new Error(`vscodeVersionCheck.ts does not know the version range "${range}"`);
  const [major, minor, patch] = match.slice(1).map(Number);
  // semver lets a prerelease satisfy a range only if the range names a prerelease of the same version; this one names none.
  if (version.prerelease.length > 0 || version.major !== major) return false;
  return version.minor !== minor ? version.minor > minor : version.patch >= patch;
}
