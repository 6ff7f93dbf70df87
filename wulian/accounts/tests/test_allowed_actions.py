"""The menu checks its items against one set of allowed actions per request: the same answers as
``has_action`` for every action and every demo role, and no role lookup per item."""

from unittest import mock

import pytest
from django.apps import apps
from django.test import RequestFactory

from wulian.accounts import rules
from wulian.accounts.models import User
from wulian.web.context_processors import menu

pytestmark = pytest.mark.django_db


def test_allowed_actions_agree_with_has_action_for_every_demo_user(world):
    for user in User.objects.filter(username__in=world.users):
        assert rules.allowed_actions(user) == {
            a for a in rules.ACTIONS if rules.has_action(user, a)
        }


def test_the_menu_asks_for_the_users_actions_once(world):
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="city_admin")
    items = sum(len(getattr(config, "menu", [])) for config in apps.get_app_configs())
    assert items > 10
    with mock.patch.object(rules, "role_kinds", wraps=rules.role_kinds) as role_kinds:
        groups = menu(request)["menu_groups"]
    assert role_kinds.call_count <= 2  # the allowed actions, and is_phone_user
    assert sum(len(entries) for _group, entries in groups) > 10


def _request(username: str, path: str = "/"):
    request = RequestFactory().get(path)
    request.user = User.objects.get(username=username)
    return request


def test_the_menus_links_are_built_once_per_set_of_actions_and_language(world):
    """A page reuses the menu built for the same actions and language (no 40 reverses per page),
    yet each page gets its own active item and each set of actions its own items."""
    from django.utils import translation

    from wulian.web import context_processors

    context_processors._MENUS.clear()
    with mock.patch.object(context_processors, "reverse", wraps=context_processors.reverse) as rev:
        first = menu(_request("city_admin", "/people/"))["menu_groups"]
        built = rev.call_count
        again = menu(_request("city_admin", "/needs/"))["menu_groups"]
        assert built > 10
        assert rev.call_count == built  # the second page built nothing
        with translation.override("en"):
            english = menu(_request("city_admin"))["menu_groups"]
        assert rev.call_count > built  # another language is another menu
    labels = [item["label"] for _group, items in first for item in items]
    assert [item["label"] for _group, items in english for item in items] != labels
    active = [item["url"] for _group, items in first for item in items if item["active"]]
    active_again = [item["url"] for _group, items in again for item in items if item["active"]]
    assert active == ["/people/"]
    assert active_again != active  # the first page's active flag did not stay on the shared menu
    resident = menu(_request("resident_demo"))["menu_groups"]
    resident_urls = {item["url"] for _group, items in resident for item in items}
    assert "/people/" not in resident_urls  # another set of actions: not city_admin's menu
