#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests, offline but for the npm registry and Debian's apt:
# code-server 4.100.3 (VS Code 1.100.3) + playwright-core from npm into .vscode-e2e/, Debian chromium via apt.
# Idempotent: does nothing when everything is already there. Adapted from shared/design/e2e-recipe.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PREFIX="${E2E_PREFIX:-$ROOT/.vscode-e2e}"
CS_VERSION=4.100.3          # last code-server on npm whose engines.node is 20
RG_PKG_VERSION=1.15.11      # @vscode/ripgrep pinned by code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

if [ -x "$PREFIX/node_modules/.bin/code-server" ] && [ -d "$PREFIX/node_modules/playwright-core" ] && command -v chromium >/dev/null; then
  exit 0
fi

# 1. Debian packages: the browser, ripgrep (to seed @vscode/ripgrep), kerberos headers and a toolchain for node-gyp
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
    chromium ripgrep libkrb5-dev python3 make g++ pkg-config curl
fi

mkdir -p "$PREFIX/tmp"
# 2. @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable): seed its cache with Debian's rg
mkdir -p "$PREFIX/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$PREFIX/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$(dirname "$(command -v rg)")" rg

# 3. code-server + playwright-core in their own npm prefix (native modules are built by node-gyp)
cd "$PREFIX"
[ -f package.json ] || echo '{ "name": "snn-energy-lint-e2e", "private": true }' > package.json
TMPDIR="$PREFIX/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save "code-server@$CS_VERSION" playwright-core@1.65.1
"$PREFIX/node_modules/.bin/code-server" --version
