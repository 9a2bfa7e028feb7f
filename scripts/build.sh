#!/usr/bin/env bash
# Builds both front ends into dist/public (the Worker's static assets). The widget's build also checks
# its gzipped size budget (scripts/check-widget-size.ts) and fails over it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist/public
npm run --silent build:widget
npm run --silent build:console
