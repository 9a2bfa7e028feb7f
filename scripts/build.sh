#!/usr/bin/env bash
# Builds every front end that exists into dist/public (the Worker's static assets).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist/public
for part in widget console; do
  if npm run 2>/dev/null | grep "^  build:${part}$" >/dev/null; then npm run --silent "build:${part}"; fi
done
