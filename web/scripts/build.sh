#!/usr/bin/env bash
# Builds the web assets with the machine's Node and npm: installs the locked dependencies when
# node_modules is missing or older than package-lock.json, then runs vite build (output:
# target/classes/seqvault-web, carried by the module's jar).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "seqvault web: npm is needed to build the web file browser (install Node.js 20+)" >&2; exit 1; }
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn
