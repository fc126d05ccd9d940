#!/usr/bin/env bash
# The web module's unit tests (vitest), skipped like Maven's own with -DskipTests or -Dmaven.test.skip.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-false} == true || ${2:-false} == true ]]; then
    exit 0
fi
npm run --silent test:unit
