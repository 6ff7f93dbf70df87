#!/usr/bin/env bash
# CI's check of the production shape and of the restore drill, on this machine's PostgreSQL
# and Redis: start `make prod` with the demo on a fresh database, wait for /healthz, run a short
# load (any 5xx fails), stop it; then dump the database, drop it, restore it and require
# `wulian audit verify` and `wulian figures check` to pass on the restored copy.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
pg=${PG_URL:-postgres://postgres@127.0.0.1:5432}
db=wulian_smoke
port=${SMOKE_PORT:-8399}
work=$(mktemp -d)
export DATABASE_URL="$pg/$db" REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
export PROD_ENV_FILE="$work/secrets.env" WULIAN_VAR_DIR="$work/var" PORT=$port WEB_WORKERS=2 HUEY_PROCESSES=1

psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true

echo "== make prod (demo data) on $DATABASE_URL, $REDIS_URL =="
PROD_DEMO=1 setsid bash scripts/prod.sh >"$work/prod.log" 2>&1 &
server=$!
cleanup() { kill -- -"$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fsS -m 5 "http://127.0.0.1:$port/healthz" >"$work/health.json" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { tail -40 "$work/prod.log"; echo "make prod stopped" >&2; exit 1; }
  sleep 1
done
cat "$work/health.json"; echo
# The commands below (a token for the load, then the drill) use the keys prod.sh made.
set -a; . "$PROD_ENV_FILE"; set +a
export DEBUG=false WULIAN_DEV_KEYS=0 WULIAN_TOOLS=0
$bin/python scripts/smoke_load.py "http://127.0.0.1:$port"
kill -- -"$server"; wait "$server" 2>/dev/null || true

echo "== restore drill: dump, drop, restore, verify =="
pg_dump -Fc -f "$work/wulian.dump" "$DATABASE_URL"
psql "$pg/postgres" -qc "DROP DATABASE $db" -c "CREATE DATABASE $db" >/dev/null
pg_restore --no-owner -d "$DATABASE_URL" "$work/wulian.dump"
$bin/wulian audit verify
$bin/wulian figures check
echo "restore drill passed"
