"""Shared test set-up: fast password hashing, Huey in immediate mode, the demo world loaded once."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# One Chromium for the whole run (the `browser` and `page` fixtures, browser tests last): it must
# be registered once, here, or each test folder would start its own Playwright loop.
pytest_plugins = [
    "wulian.core.tests.browser",
    # after every test that wrote a counted table: `wulian figures check` finds 0
    "wulian.figures.tests.counters_guard",
]


@pytest.fixture(autouse=True)
def _fast_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Sessions are touched once a day in tests, so that a slow machine crossing the one-minute
    # mark between two requests never changes a query count (the expiry tests set it back).
    settings.SESSION_TOUCH_INTERVAL = 24 * 3600


@pytest.fixture(autouse=True)
def _file_outboxes(settings, tmp_path_factory):
    """Notifications that reach people by SMS or WeChat write to a temporary outbox, never to
    the checkout's var/ (e-mail goes to Django's test outbox, ``mail.outbox``)."""
    from wulian.core.gateways import reset_backends

    folder = tmp_path_factory.mktemp("outbox")
    settings.WULIAN_SMS_BACKEND = "wulian.core.gateways.sms.FileSmsBackend"
    settings.WULIAN_SMS_BACKEND_OPTIONS = {"directory": str(folder / "sms")}
    settings.WULIAN_WECHAT_BACKEND = "wulian.core.gateways.wechat.FileWechatBackend"
    settings.WULIAN_WECHAT_BACKEND_OPTIONS = {"directory": str(folder / "wechat")}
    reset_backends()
    yield
    reset_backends()


@pytest.fixture(autouse=True)
def _no_area_tree_of_another_test():
    """Each test starts without this process's copy of the area tree (``areas/tree.py``): a test
    that ran its on-commit callbacks may have kept one holding areas its rollback removed."""
    from wulian.areas.tree import forget_process_copy

    forget_process_copy()


def pytest_configure(config):
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    _trust_forced_logins()


def _trust_forced_logins():
    """The one place where tests skip the second factor: a session made by the test client's
    ``force_login`` (and so by the ``login`` fixture) counts as MFA-verified, as if the user had
    typed a TOTP code. Real logins (``client.post`` to the login page, the browser helper) go
    through the verify step; ``wulian/accounts/tests/test_mfa_*.py`` test that flow."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        from wulian.accounts.mfa import mark_test_session_verified

        original(self, user, backend)
        mark_test_session_verified(self, user)

    force_login.__doc__ = original.__doc__
    Client.force_login = force_login


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo world (real Chengdu territory, case-study orgs, logins) once per session."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        from wulian.web.demo import demo_loaded, load_demo

        if not demo_loaded():
            load_demo()


@pytest.fixture
def world(db):
    """The demo world as stored. Transactional tests flush the database at teardown; the next
    test that asks for the world gets it loaded again."""
    from wulian.web.demo import demo_loaded, load_demo, world_from_db

    if not demo_loaded():
        load_demo()
    return world_from_db()


@pytest.fixture
def login(client):
    """Log the test client in as a demo user: ``login("xihuamen_admin")``."""
    from wulian.accounts.models import User

    def _login(username: str):
        user = User.objects.get(username=username)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def api(client):
    """Call the API as ``user`` with a fresh token: ``api("post", "api-1.0.0:…", user, body,
    pk=…)``; the body is sent as JSON. A test folder's own ``api`` fixture overrides this one."""
    import json

    from django.urls import reverse

    from wulian.accounts.services import create_token

    def call(method, name, user, body=None, **kwargs):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
        url = reverse(name, kwargs=kwargs)
        if method == "get":
            return client.get(url, **headers)
        return getattr(client, method)(
            url, data=json.dumps(body or {}), content_type="application/json", **headers
        )

    return call
