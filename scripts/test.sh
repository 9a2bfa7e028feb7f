#!/usr/bin/env bash
# The README's test command. Runs every suite (Worker tests inside workerd, widget unit tests,
# browser end-to-end tests against `wrangler dev`) and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp dist/public
passed=0; failed=0; status=0

run_suite() { # name, vitest args...
  local name=$1; shift
  local report=".tmp/vitest-${name}.json"
  rm -f "$report"
  echo "=== ${name} tests"
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$report" || status=1
  if [ -f "$report" ]; then
    read -r p f < <(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTests - r.numPassedTests - r.numFailedTests - (r.numPendingTests||0) - (r.numTodoTests||0)))' "$report")
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "${name}: the runner produced no report"; failed=$((failed + 1))
  fi
}

echo "=== typecheck (worker, widget, console)"
if npm run --silent typecheck; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "=== lint and format (biome)"
if npx biome check .; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

run_suite unit --config test/unit/vitest.config.ts
run_suite worker
run_suite node --config test/node/vitest.config.ts
[ -f test/widget/vitest.config.ts ] && run_suite widget --config test/widget/vitest.config.ts
if [ -f test/e2e/vitest.config.ts ]; then
  # Chromium: Debian's when installed, else the one @sparticuz/chromium ships (test/e2e/harness/browser.ts).
  # The build includes the widget's size budget (scripts/check-widget-size.ts): over budget is a failure.
  if bash scripts/build.sh; then run_suite e2e --config test/e2e/vitest.config.ts; else echo "the build failed (see above)"; failed=$((failed + 1)); status=1; fi
fi

[ "$failed" -gt 0 ] && status=1
echo "${passed} passed, ${failed} failed"
exit $status
