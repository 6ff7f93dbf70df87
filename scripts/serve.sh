#!/usr/bin/env bash
# Serve the platform and run the Huey worker beside it; Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
bin=.venv/bin
$bin/wulian run_huey --quiet &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo
echo "五联 is serving on http://$host:$port/  (Ctrl-C to stop)"
$bin/gunicorn wulian.wsgi:application --bind "$host:$port" --workers 2 --threads 4 \
    --worker-class gthread --access-logfile - --log-level warning
