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
        assert rules.allowed_actions(user) == {a for a in rules.ACTIONS if rules.has_action(user, a)}


def test_the_menu_asks_for_the_users_actions_once(world):
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="city_admin")
    items = sum(len(getattr(config, "menu", [])) for config in apps.get_app_configs())
    assert items > 10
    with mock.patch.object(rules, "role_kinds", wraps=rules.role_kinds) as role_kinds:
        groups = menu(request)["menu_groups"]
    assert role_kinds.call_count <= 2  # the allowed actions, and is_phone_user
    assert sum(len(entries) for _group, entries in groups) > 10
