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

# The versions package.json asks for, else the ones this test was written against. All
# are installed together when one is missing: `npm install --no-save x` drops other
# packages that package.json does not list.
wanted() { node -p "require('./package.json').devDependencies?.['$1'] ?? '$2'"; }
packages=("playwright-core@$(wanted playwright-core 1.65.1)" "@microsoft/m365agentsplayground@$(wanted @microsoft/m365agentsplayground 0.2.28)")
if ! node -e 'require.resolve("playwright-core"); require.resolve("@microsoft/m365agentsplayground/package.json")' 2>/dev/null; then
  echo "e2e: installing ${packages[*]}" >&2
  npm install --no-save --no-audit --no-fund "${packages[@]}" >&2
fi

exec npx vitest run --config tests/e2e/vitest.config.ts "$@"
