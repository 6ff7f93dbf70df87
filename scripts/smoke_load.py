"""A short load on a served copy: a few hundred requests from 8 threads to pages anyone may
open (health, login page) and to the API with a bearer token of the demo's city_admin; exits 1
on any 5xx or connection error, or when the development tools' ``/bench/bare`` is routed (the
production shape never installs them), and prints the request rate."""

import concurrent.futures
import subprocess
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
TOKEN = (
    subprocess.run(
        [".venv/bin/wulian", "token", "city_admin", "--name", "smoke", "--days", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    .stdout.strip()
    .split()[-1]
)
PATHS = ["/healthz", "/accounts/login/", "/api/v1/areas/", "/api/v1/needs/"]


def fetch(path: str) -> int:
    request = urllib.request.Request(
        BASE + path,
        headers={"Authorization": f"Bearer {TOKEN}"} if path.startswith("/api/") else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


started = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    statuses = list(pool.map(fetch, PATHS * 60))
elapsed = time.perf_counter() - started
bad = [(path, status) for path, status in zip(PATHS * 60, statuses, strict=True) if status >= 500]
print(
    f"smoke load: {len(statuses)} requests in {elapsed:.1f} s ({len(statuses) / elapsed:.0f} req/s), "
    f"statuses {sorted(set(statuses))}, 5xx: {len(bad)}"
)
tools = fetch("/bench/bare")
if tools != 404:
    print(
        f"/bench/bare answered {tools}: the development tools are installed in the production shape"
    )
sys.exit(1 if bad or tools != 404 else 0)
