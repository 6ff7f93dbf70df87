"""The development tools are installed where development happens and never in production: with
DEBUG off and WULIAN_TOOLS unset (the production settings) no ``bench/`` URL is routed and the
app is not installed, even though the package is importable; ``wulian demo --scale`` then says why
it cannot run."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import wulian_bench

ROUTES = """
import json
import django
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver


def walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


django.setup()
print(json.dumps({"installed": apps.is_installed("wulian_bench"), "routes": sorted(walk(get_resolver().url_patterns))}))
"""


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean production environment (keys from the environment, no development keys, no
    DEBUG, no WULIAN_TOOLS, not the checkout's .env) in which the tools package is importable."""
    tools_root = str(Path(wulian_bench.__file__).resolve().parent.parent)
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "PYTHONPATH": os.pathsep.join([str(settings.BASE_DIR), tools_root]),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "WULIAN_FIELD_KEY": secrets.token_hex(16),
        "WULIAN_INDEX_KEY": secrets.token_hex(32),
        "WULIAN_AUDIT_KEY": secrets.token_hex(32),
        "WULIAN_VAR_DIR": str(tmp_path),
        "WULIAN_ENV_FILE": str(tmp_path / "no.env"),
        "DJANGO_SETTINGS_MODULE": "wulian.settings",
        **extra,
    }


def _routes(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", ROUTES],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_route_no_bench_url(tmp_path):
    found = _routes(_production_env(tmp_path))
    assert found["installed"] is False
    assert [route for route in found["routes"] if route.startswith("bench/")] == []
    assert "healthz" in found["routes"]  # the product's own routes are there


def test_wulian_tools_routes_the_bare_baseline(tmp_path):
    found = _routes(_production_env(tmp_path, WULIAN_TOOLS="1"))
    assert found["installed"] is True
    assert [route for route in found["routes"] if route.startswith("bench/")] == [
        "bench/bare",
        "bench/bare-write",
    ]


def test_debug_installs_the_tools(tmp_path):
    found = _routes(_production_env(tmp_path, DEBUG="1"))
    assert (found["installed"], [r for r in found["routes"] if r.startswith("bench/")]) == (
        True,
        ["bench/bare", "bench/bare-write"],
    )


def test_demo_scale_without_the_tools_says_what_is_missing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "wulian", "demo", "--scale", "chengdu"],
        cwd=settings.BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        "--scale needs the development tools (the wulian_bench app in devtools/)" in result.stderr
    )
    assert "demo data loaded" not in result.stdout  # refused before anything is written


def test_bench_is_no_command_without_the_tools(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "wulian", "bench", "claims"],
        cwd=settings.BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Unknown command: 'bench'" in result.stderr
