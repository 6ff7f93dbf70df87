"""403, 404, 500 and CSRF failures answer a page in the site's layout, in Chinese, with a way home."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from wulian import urls
from wulian.core import errors

pytestmark = pytest.mark.django_db


def assert_error_page(response, status: int, title: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f'data-status="{status}"' in html
    assert title in html
    assert 'id="error-home" href="/"' in html
    assert "wl-topbar" in html  # the site's layout
    assert 'lang="zh-CN"' in html


def test_handlers_are_the_sites_pages():
    assert (urls.handler403, urls.handler404, urls.handler500) == (
        "wulian.core.errors.permission_denied",
        "wulian.core.errors.page_not_found",
        "wulian.core.errors.server_error",
    )


def test_404_is_a_chinese_page_with_a_way_home(client, login, world):
    login("xihuamen_admin")
    assert_error_page(client.get("/meetings/99999999/"), 404, "页面不存在")


def test_403_is_a_chinese_page_with_a_way_home(client, login, world):
    login("resident_demo")
    response = client.get(reverse("orgs:list"))
    assert_error_page(response, 403, "没有权限")


def test_500_is_a_chinese_page_with_a_way_home(world, settings):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert_error_page(errors.server_error(request), 500, "系统出错了")


def test_500_without_the_layout_still_answers(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "系统出错了" in response.content.decode()
    assert 'id="error-home" href="/"' in response.content.decode()


def test_csrf_failure_is_a_chinese_page_with_a_way_home(world):
    from wulian.accounts.models import User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="xihuamen_admin"))
    response = client.post(reverse("notifications:read_all"))
    assert_error_page(response, 403, "页面已过期")


def test_permission_denied_view_is_used_for_raised_denials(rf, world):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert errors.permission_denied(request, PermissionDenied("x")).status_code == 403
