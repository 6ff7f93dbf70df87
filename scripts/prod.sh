#!/usr/bin/env bash
# The production shape on one machine: PostgreSQL, Redis, several gunicorn processes and Huey
# worker processes, JSON logs, /healthz. Ctrl-C (or SIGTERM) stops every process it started.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wulian REDIS_URL=redis://127.0.0.1:6379/0 make prod
#
# Optional: WEB_WORKERS (default: 2 × cores), WEB_THREADS (4), HUEY_PROCESSES (2), HOST, PORT,
# PROD_DEMO=1 to load the demo data, PROD_ENV_FILE (default var/prod/secrets.env: the keys this
# script makes on first start when the environment has none; keep that file off the web root
# and back it up apart from the database — see docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
host=${HOST:-127.0.0.1}
port=${PORT:-8000}

: "${DATABASE_URL:?set DATABASE_URL=postgres://… (production runs on PostgreSQL)}"
: "${REDIS_URL:?set REDIS_URL=redis://… (production shares its cache and queue in Redis)}"
case "$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must be a PostgreSQL URL" >&2; exit 2 ;; esac

export CACHE_URL=${CACHE_URL:-${REDIS_URL/redis:/rediscache:}}
export DEBUG=false LOG_FORMAT=${LOG_FORMAT:-json} WULIAN_DEV_KEYS=0  # never the development keys of a .env
export WULIAN_TOOLS=0  # never the development tools (benchmarks, /bench/bare), even where installed
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$host,localhost,127.0.0.1}

env_file=${PROD_ENV_FILE:-var/prod/secrets.env}
if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -f "$env_file" ]; then
    mkdir -p "$(dirname "$env_file")"
    umask 077
    $bin/python - >"$env_file" <<'PY'
import secrets
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"WULIAN_FIELD_KEY={secrets.token_hex(16)}")
print(f"WULIAN_INDEX_KEY={secrets.token_hex(32)}")
print(f"WULIAN_AUDIT_KEY={secrets.token_hex(32)}")
PY
    echo "made new keys in $env_file (back it up apart from the database)" >&2
  fi
  if ! grep -q '^WULIAN_AUDIT_KEY=' "$env_file"; then  # files made before the audit trail was keyed
    $bin/python -c 'import secrets; print(f"WULIAN_AUDIT_KEY={secrets.token_hex(32)}")' >>"$env_file"
    echo "added WULIAN_AUDIT_KEY to $env_file" >&2
  fi
  set -a; . "$env_file"; set +a
fi

cores=$(nproc 2>/dev/null || echo 2)
web_workers=${WEB_WORKERS:-$((2 * cores))}
huey_processes=${HUEY_PROCESSES:-2}

$bin/wulian migrate --noinput >/dev/null
$bin/wulian collectstatic --noinput >/dev/null
if [ "${PROD_DEMO:-0}" = "1" ]; then $bin/wulian demo; fi

pids=()
stop() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

for i in $(seq 1 "$huey_processes"); do
  $bin/wulian run_huey --quiet --workers "${HUEY_WORKERS:-2}" --worker-type thread &
  pids+=($!)
done
$bin/gunicorn wulian.wsgi:application --bind "$host:$port" --workers "$web_workers" \
    --threads "${WEB_THREADS:-4}" --worker-class gthread --access-logfile - \
    --access-logformat '{"time":"%(t)s","remote":"%(h)s","request":"%(m)s %(U)s","status":%(s)s,"bytes":%(B)s,"ms":%(M)s}' \
    --log-level warning --graceful-timeout 20 &
pids+=($!)
echo "五联 (production shape) on http://$host:$port/ : $web_workers web processes, $huey_processes worker processes" >&2
wait -n "${pids[@]}"
