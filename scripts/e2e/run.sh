#!/usr/bin/env bash
# `npm run test:e2e`: the Teams end-to-end test. The bot, the Microsoft 365 Agents
# Playground and headless Chromium, all on 127.0.0.1. Installs what it needs first:
# Debian's chromium, and the npm packages below when node_modules lacks them.
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "e2e: installing Debian's chromium" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# The versions package.json asks for, else the ones this test was written against.
wanted() { node -p "require('./package.json').devDependencies?.['$1'] ?? '$2'"; }
missing=()
node -e 'require.resolve("playwright-core")' 2>/dev/null || missing+=("playwright-core@$(wanted playwright-core 1.65.1)")
node -e 'require.resolve("@microsoft/m365agentsplayground/package.json")' 2>/dev/null \
  || missing+=("@microsoft/m365agentsplayground@$(wanted @microsoft/m365agentsplayground 0.2.28)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e: installing ${missing[*]}" >&2
  npm install --no-save --no-audit --no-fund "${missing[@]}" >&2
fi

exec npx vitest run --config tests/e2e/vitest.config.ts "$@"
