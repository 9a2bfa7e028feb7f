#!/usr/bin/env bash
# Builds every front end that exists into dist/public (the Worker's static assets).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist/public
for part in widget console; do
  if npm run | grep -q "^  build:${part}$"; then npm run --silent "build:${part}"; fi
done
