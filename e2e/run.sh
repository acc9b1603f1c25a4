#!/usr/bin/env bash
# Browser tests (Playwright + Debian's Chromium) against a real server on a temporary SQLite file.
# Called by .ci/run; results land in .e2e-results.json (Playwright's JSON report).
# Under CI=true a missing browser is a failure; elsewhere the suite is skipped with a note.
set -uo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  command -v chromium >/dev/null 2>&1 || apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }
fi
if [ ! -x "$chromium_path" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "e2e: FAILED: no Chromium at $chromium_path and it could not be installed (apt-get install -y chromium)" >&2
    exit 1
  fi
  echo "e2e: SKIPPED: no Chromium at $chromium_path (apt-get install -y chromium)" >&2
  exit 0
fi

# Build when the server or the web client is missing or older than the sources.
stale() {
  [ ! -f dist/server/main.js ] || [ ! -f dist/web/index.html ] && return 0
  [ -n "$(find src templates package.json -newer dist/web/index.html -type f -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "e2e: building"
  npm run build || { echo "e2e: FAILED: build" >&2; exit 1; }
fi

rm -f .e2e-results.json
exec npx playwright test -c e2e/playwright.config.ts "$@"
