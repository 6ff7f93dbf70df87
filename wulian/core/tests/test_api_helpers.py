"""The shared API steps: the action check and the scoped fetch of one object."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from wulian.accounts.models import User
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import fetch, require


def _request(username: str):
    request = RequestFactory().get("/api/v1/")
    request.user = User.objects.get(username=username)
    return request


@pytest.mark.django_db
def test_require_passes_a_role_that_may_and_denies_one_that_may_not(world):
    assert require(_request("city_admin"), "org.create") is None
    with pytest.raises(PermissionDenied):
        require(_request("resident_demo"), "org.create")


@pytest.mark.django_db
def test_fetch_returns_an_object_in_scope(world):
    request = _request("xihuamen_admin")
    org = visible_orgs(request.user).first()

    assert fetch(request, "org.view", visible_orgs, org.pk) == org


@pytest.mark.django_db
def test_fetch_answers_404_for_an_object_out_of_scope_and_for_a_missing_one(world):
    request = _request("xihuamen_admin")
    outside = Org.objects.exclude(pk__in=visible_orgs(request.user).values("pk")).first()

    with pytest.raises(Http404):
        fetch(request, "org.view", visible_orgs, outside.pk)
    with pytest.raises(Http404):
        fetch(request, "org.view", visible_orgs, 10**9)


@pytest.mark.django_db
def test_fetch_denies_before_looking_when_the_role_may_not(world):
    with pytest.raises(PermissionDenied):
        fetch(_request("resident_demo"), "org.create", visible_orgs, 10**9)
