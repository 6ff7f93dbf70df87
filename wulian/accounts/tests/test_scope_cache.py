"""A user's scope and roles come from the shared cache across requests, keyed by the account and
its stamp: a role granted or revoked shows on the very next request, and no user ever gets
another's entry."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.selectors import Scope, compute_scope, scope_cache_key, scope_for
from wulian.accounts.services import grant_role, revoke_role
from wulian.areas.models import Area
from wulian.orgs.models import Org
from wulian.orgs.services import update_org
from wulian.web.testing import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a request as if its transaction committed: the scope it computed reaches the cache."""

    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


def _org_names(client, headers) -> set[str]:
    response = client.get(reverse("api:org_list") + "?limit=200", **headers)
    assert response.status_code == 200
    return {o["name"] for o in response.json()["items"]}


def test_granting_and_revoking_a_role_changes_what_the_user_sees_on_the_next_request(
    world, client, committed
):
    admin = world.users["security_admin"]
    user = User.objects.create_user(username="zhang_staff", password="x")
    grant_role(user=user, kind=RoleKind.COMMUNITY_STAFF, org=world.orgs["xihuamen"], by=admin)
    headers = bearer(user)
    first = committed(lambda: _org_names(client, headers))
    assert "西华门社区党委" in first
    assert "清源社区党委" not in first
    user.refresh_from_db()
    assert cache.get(scope_cache_key(user))[0] == user.pk  # the next request reads the cache
    assert committed(lambda: _org_names(client, headers)) == first

    role = grant_role(
        user=user, kind=RoleKind.COMMUNITY_STAFF, org=world.orgs["qingyuan"], by=admin
    )
    granted = committed(lambda: _org_names(client, headers))
    assert granted - first >= {"清源社区党委"}

    revoke_role(role=role, by=admin)
    assert committed(lambda: _org_names(client, headers)) == first


def test_the_second_request_reads_no_roles(world, client, committed):
    headers = bearer(world.users["xihuamen_staff"])
    committed(lambda: _org_names(client, headers))
    with CaptureQueriesContext(connection) as ctx:
        committed(lambda: _org_names(client, headers))
    assert not [q for q in ctx.captured_queries if "accounts_role" in q["sql"]]


def test_two_users_never_share_the_entry(world, committed):
    one, two = (User.objects.get(username=n) for n in ("xihuamen_staff", "qingyuan_admin"))
    assert scope_cache_key(one) != scope_cache_key(two)
    committed(lambda: (scope_for(one), scope_for(two)))
    fresh_one, fresh_two = User.objects.get(pk=one.pk), User.objects.get(pk=two.pk)
    assert scope_for(fresh_one) == compute_scope(one)
    assert scope_for(fresh_two) == compute_scope(two)
    assert scope_for(fresh_one) != scope_for(fresh_two)


def test_an_entry_under_another_users_key_is_never_served(world):
    one, two = (User.objects.get(username=n) for n in ("xihuamen_staff", "qingyuan_admin"))
    cache.set(scope_cache_key(two), (one.pk, compute_scope(one)))  # what no code writes
    assert scope_for(two) == compute_scope(two)
    cache.set(scope_cache_key(two), (two.pk, "not a scope"))
    assert isinstance(scope_for(User.objects.get(pk=two.pk)), Scope)


def test_a_scope_computed_in_a_rolled_back_transaction_is_never_cached(world):
    user = User.objects.create_user(username="zhang_staff", password="x")
    grant_role(user=user, kind=RoleKind.COMMUNITY_STAFF, org=world.orgs["xihuamen"], by=None)
    assert scope_for(user).role_kinds == {RoleKind.COMMUNITY_STAFF}  # in the test's transaction
    assert cache.get(scope_cache_key(user)) is None


def test_moving_an_org_gives_its_role_holders_a_new_scope(world, client, committed):
    user = User.objects.get(username="xihuamen_staff")
    before = committed(lambda: scope_for(user))
    stamp = user.scope_stamp
    elsewhere = (
        Area.objects.filter(level="community")
        .exclude(pk__in=Org.objects.exclude(leads=None).values("leads"))
        .order_by("path")
        .first()
    )
    update_org(org=world.orgs["xihuamen"], by=None, area=elsewhere, leads=elsewhere)
    user = User.objects.get(pk=user.pk)
    assert user.scope_stamp != stamp
    assert scope_for(user).area_paths == (elsewhere.path,) != before.area_paths
