#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 for the tests (tests/support/postgres.ts):
# starts the machine's cluster if it has stopped, installs Debian's postgresql if there is
# none (CI runs as root with Debian's packages). Exits non-zero if it cannot: CI never skips
# the PostgreSQL run.
set -euo pipefail
ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
wait_ready() {
  for _ in $(seq 1 60); do ready && return 0; sleep 1; done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  return 1
}
if ! command -v pg_isready >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian's postgresql package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ready && exit 0
version="$(ls /etc/postgresql | sort -n | tail -1)"
echo "Starting PostgreSQL ${version}"
pg_ctlcluster --skip-systemctl-redirect "${version}" main start || true
wait_ready
# Trust auth for local TCP connections as postgres, as on the project's machines.
psql -h 127.0.0.1 -U postgres -c "SELECT 1" >/dev/null 2>&1 || {
  hba="/etc/postgresql/${version}/main/pg_hba.conf"
  sed -i 's/^\(host\s\+all\s\+all\s\+127\.0\.0\.1\/32\s\+\).*/\1trust/' "${hba}"
  pg_ctlcluster --skip-systemctl-redirect "${version}" main reload
  wait_ready
}
