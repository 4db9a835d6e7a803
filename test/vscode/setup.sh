#!/usr/bin/env bash
# Installs what the real-editor tests need, skipping whatever is already there:
# Debian's Chromium (for playwright-core), code-server 4.100.3 (VS Code 1.100.3) in .tools/code-server,
# the build dependencies of code-server's native modules, and Debian's Neovim (the README's Neovim config
# is run headless). Nothing lands in the extension's dependencies.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS=${ASSISTANT_TOOLS_DIR:-$ROOT/.tools}
CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
# code-server writes config and data under XDG dirs: keep them in the tools folder, not in $HOME.
export XDG_CONFIG_HOME=$TOOLS/xdg/config XDG_DATA_HOME=$TOOLS/xdg/data XDG_CACHE_HOME=$TOOLS/xdg/cache
mkdir -p "$TOOLS" "$TOOLS/tmp" "$TOOLS/logs"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
command -v rg >/dev/null || missing+=(ripgrep)
command -v pkg-config >/dev/null || missing+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x "$CODE_SERVER" ] || ! "$CODE_SERVER" --version 2>/dev/null | grep -q '^4\.100\.3 '; then
  echo "npm: installing code-server@4.100.3 into $TOOLS/code-server (log: $TOOLS/logs/setup-code-server.log)"
  # @vscode/ripgrep's postinstall downloads from GitHub unless its cache already holds the archive: seed it with Debian's rg.
  export TMPDIR="$TOOLS/tmp"
  RGC="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RGC" "$TMPDIR/rgpack"
  cp "$(command -v rg)" "$TMPDIR/rgpack/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rgpack" rg
  mkdir -p "$TOOLS/code-server"
  [ -f "$TOOLS/code-server/package.json" ] || echo '{ "name": "code-server-tools", "version": "0.0.0", "private": true }' > "$TOOLS/code-server/package.json"
  # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`.
  (cd "$TOOLS/code-server" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install code-server@4.100.3 --no-save --foreground-scripts > "$TOOLS/logs/setup-code-server.log" 2>&1) \
    || { tail -30 "$TOOLS/logs/setup-code-server.log"; exit 1; }
fi
"$CODE_SERVER" --version | head -1
