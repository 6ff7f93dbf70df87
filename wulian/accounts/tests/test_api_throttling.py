"""The API limits requests per account and per address, and wrong tokens per address, on the
shared (database) cache; over a limit the answer is 429 with a message and Retry-After."""

import datetime as dt

import time_machine
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from wulian.accounts.services import create_token

AREAS = "/api/v1/areas/"


def test_the_default_cache_is_shared_by_every_worker():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@override_settings(WULIAN_API_RATE_USER="3/m", WULIAN_API_RATE_IP="")
def test_an_account_over_its_rate_gets_429_until_the_window_ends(world, client):
    key = create_token(user=world.users["city_admin"], by=None)
    other = create_token(user=world.users["xihuamen_admin"], by=None)
    with time_machine.travel(
        timezone.now().replace(second=0, microsecond=0), tick=False
    ) as traveller:
        statuses = [
            client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
        response = client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.json() == {"message": "请求过于频繁，请稍后再试。"}
        assert int(response["Retry-After"]) == 60
        assert (
            client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 200
        )  # per account
        traveller.shift(dt.timedelta(seconds=61))
        assert client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


@override_settings(WULIAN_API_RATE_USER="", WULIAN_API_RATE_IP="2/m")
def test_an_address_over_its_rate_gets_429_whoever_it_is(world, client):
    a = create_token(user=world.users["city_admin"], by=None)
    b = create_token(user=world.users["xihuamen_admin"], by=None)
    with time_machine.travel(timezone.now().replace(second=0, microsecond=0), tick=False):
        assert client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {a}").status_code == 200
        assert client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {b}").status_code == 200
        assert client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {b}").status_code == 429
        assert (
            client.get(
                AREAS, HTTP_AUTHORIZATION=f"Bearer {a}", REMOTE_ADDR="198.51.100.9"
            ).status_code
            == 200
        )


@override_settings(WULIAN_API_RATE_AUTH_FAILURES="3/10m")
def test_guessing_tokens_from_one_address_is_stopped(world, client):
    key = create_token(user=world.users["city_admin"], by=None)
    with time_machine.travel(timezone.now().replace(minute=0, second=0, microsecond=0), tick=False):
        statuses = [
            client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer wl_guess{i}").status_code
            for i in range(4)
        ]
        assert statuses == [401, 401, 401, 429]
        # Even the right token waits at that address; another address is not affected.
        assert client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 429
        assert (
            client.get(
                AREAS, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR="198.51.100.9"
            ).status_code
            == 200
        )
