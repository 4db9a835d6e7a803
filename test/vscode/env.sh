# Sourced by the harness scripts: where the tools live, and XDG/TMP dirs of our own so that
# code-server and Chromium write nothing into $HOME.
TOOLS=${ASSISTANT_TOOLS_DIR:-$ROOT/.tools}
CODE_SERVER=$TOOLS/code-server/node_modules/.bin/code-server
export XDG_CONFIG_HOME=$TOOLS/xdg/config XDG_DATA_HOME=$TOOLS/xdg/data XDG_CACHE_HOME=$TOOLS/xdg/cache
