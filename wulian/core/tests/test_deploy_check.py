"""``wulian check --deploy`` with production settings (DEBUG off, a real secret key, allowed
hosts, TLS behind a proxy: the environment docs/security.md tells operators to set) reports
nothing, not even a warning."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_deploy_check_with_production_settings_prints_no_warning(tmp_path):
    env = {  # a clean environment: nothing of the test run's (DJANGO_ALLOW_ASYNC_UNSAFE…)
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "WULIAN_FIELD_KEY": secrets.token_hex(16),
        "WULIAN_INDEX_KEY": secrets.token_hex(32),
        "WULIAN_AUDIT_KEY": secrets.token_hex(32),
        "WULIAN_SEAL_FILE": str(tmp_path / "seals.jsonl"),
        "ALLOWED_HOSTS": "wulian.chengdu.example",
        "CSRF_TRUSTED_ORIGINS": "https://wulian.chengdu.example",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_COOKIES": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "1",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "WULIAN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "wulian.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "wulian", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr.strip()) == (0, ""), result.stderr
    assert result.stdout.startswith("System check identified no issues (")
