#!/usr/bin/env bash
# The README's first command ends here: builds the front ends, prepares the local D1 (migrations +
# demo data) and starts `wrangler dev` offline on http://localhost:${PORT:-8787}.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f .dev.vars ]; then
  # Secrets never live in the repo: make a local one on first start.
  echo "TOKEN_SECRET=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')" > .dev.vars
  echo "Created .dev.vars with a random TOKEN_SECRET"
fi

bash scripts/build.sh
npx wrangler d1 migrations apply handoff --local >/dev/null
echo "Local D1 migrations applied"
if npm run 2>/dev/null | grep "^  seed$" >/dev/null; then npm run --silent seed; fi

PORT="${PORT:-8787}"
# WebSockets are accepted only from ALLOWED_ORIGINS, and the demo page and the console are served from
# this very origin, so the local list follows the port (wrangler.toml's default names 8787 only).
# Set ALLOWED_ORIGINS yourself to open sockets from other local pages too.
ALLOWED_ORIGINS="${ALLOWED_ORIGINS:-http://localhost:${PORT},http://127.0.0.1:${PORT}}"
# The console is served from the same local host, so its Origins follow the port too.
CONSOLE_ORIGINS="${CONSOLE_ORIGINS:-http://localhost:${PORT},http://127.0.0.1:${PORT}}"
cat <<MSG

  Handoff is starting on http://localhost:${PORT}
    Demo customer site (with the widget): http://localhost:${PORT}/
    Agent console:                        http://localhost:${PORT}/console/
MSG
exec npx wrangler dev --port "$PORT" --var "ALLOWED_ORIGINS:${ALLOWED_ORIGINS}" --var "CONSOLE_ORIGINS:${CONSOLE_ORIGINS}" "$@"
