"""The shared view steps: a form handed to its service, search filters for exports, list pages."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from wulian.accounts.models import User
from wulian.web import views_helpers
from wulian.web.views_helpers import (
    act,
    flash_errors,
    list_page,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def _request(method: str = "get", data: dict | None = None, user=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = user
    return request


def _flashed(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


class Recorder:
    """A stand-in service that remembers its calls and answers or refuses as told."""

    def __init__(self, result=None, error: ValidationError | None = None):
        self.calls: list[dict] = []
        self.result, self.error = result, error

    def __call__(self, **kwargs):
        self.calls.append(kwargs)
        if self.error is not None:
            raise self.error
        return self.result


def test_submit_calls_the_service_with_the_actor_the_extras_and_the_form_data_then_redirects():
    request = _request("post", {"name": "黉门街", "note": ""}, user="actor")
    form = NameForm(request.POST)
    service = Recorder(result=7)

    response = submit(request, form, service, area="A1", success="已保存。", redirect_to="/done/")

    assert service.calls == [{"by": "actor", "area": "A1", "name": "黉门街", "note": ""}]
    assert (response.status_code, response["Location"]) == (302, "/done/")
    assert _flashed(request) == ["已保存。"]


def test_submit_takes_message_and_target_from_the_service_result():
    request = _request("post", {"name": "黉门街"})
    response = submit(
        request,
        NameForm(request.POST),
        Recorder(result=42),
        success=lambda pk: f"第{pk}号已创建。",
        redirect_to=lambda pk: f"/items/{pk}/",
    )

    assert response["Location"] == "/items/42/"
    assert _flashed(request) == ["第42号已创建。"]


def test_submit_on_get_returns_none_and_calls_nothing():
    request = _request("get")
    service = Recorder()

    assert submit(request, NameForm(None), service, success="x", redirect_to="/done/") is None
    assert service.calls == []
    assert _flashed(request) == []


def test_submit_with_an_invalid_form_returns_none_and_calls_nothing():
    request = _request("post", {"name": ""})
    form = NameForm(request.POST)
    service = Recorder()

    assert submit(request, form, service, success="x", redirect_to="/done/") is None
    assert service.calls == []
    assert form.errors == {"name": ["这个字段是必填项。"]}
    assert _flashed(request) == []


def test_submit_puts_the_service_refusal_on_the_form_by_field_and_returns_none():
    request = _request("post", {"name": "黉门街"})
    form = NameForm(request.POST)
    service = Recorder(error=ValidationError({"name": "名称已被使用。", "elsewhere": "另有问题。"}))

    assert submit(request, form, service, success="x", redirect_to="/done/") is None
    assert form.errors == {"name": ["名称已被使用。"], "__all__": ["另有问题。"]}
    assert _flashed(request) == []


def test_submit_puts_a_refusal_without_field_on_the_whole_form():
    request = _request("post", {"name": "黉门街"})
    form = NameForm(request.POST)

    submit(
        request,
        form,
        Recorder(error=ValidationError("已被他人接单。")),
        success="x",
        redirect_to="/done/",
    )

    assert form.errors == {"__all__": ["已被他人接单。"]}


def test_submit_leaves_a_form_with_errors_added_by_the_view_alone():
    request = _request("post", {"name": "黉门街"})
    form = NameForm(request.POST)
    form.is_valid()
    form.add_error("name", "该区域不在您的管辖范围内。")
    service = Recorder()

    assert submit(request, form, service, success="x", redirect_to="/done/") is None
    assert service.calls == []


def test_submit_turns_a_denial_into_the_given_form_error_when_asked():
    request = _request("post", {"name": "黉门街"})
    form = NameForm(request.POST)

    response = submit(
        request,
        form,
        Recorder(error=PermissionDenied("x")),
        success="x",
        redirect_to="/done/",
        denied="您不是该协议的一方。",
        denied_field="name",
    )

    assert response is None
    assert form.errors == {"name": ["您不是该协议的一方。"]}


def test_submit_lets_a_denial_through_as_a_403_by_default():
    request = _request("post", {"name": "黉门街"})

    with pytest.raises(PermissionDenied):
        submit(
            request,
            NameForm(request.POST),
            Recorder(error=PermissionDenied("x")),
            success="x",
            redirect_to="/done/",
        )


def test_search_filters_keep_only_filled_fields_of_a_valid_form():
    assert search_filters(NameForm({"name": "黉门", "note": ""})) == {"name": "黉门"}


def test_search_filters_are_empty_for_an_unbound_or_invalid_form():
    assert search_filters(NameForm(None)) == {}
    assert search_filters(NameForm({"name": ""})) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "expected"), [("city_admin", True), ("resident_demo", False)])
def test_list_page_renders_the_form_the_page_and_one_flag_per_allowed_action(
    world, monkeypatch, username, expected
):
    rendered = {}

    def fake_render(request, template, context):
        rendered.update(template=template, context=context)
        return "response"

    monkeypatch.setattr(views_helpers, "render", fake_render)
    request = _request("get", {"page": "2"}, user=User.objects.get(username=username))
    form = NameForm(None)

    answer = list_page(
        request, "orgs/list.html", form, list(range(45)), can={"create": "org.create"}, extra=1
    )

    context = rendered["context"]
    assert (answer, rendered["template"]) == ("response", "orgs/list.html")
    assert sorted(context) == ["can_create", "extra", "form", "page_obj"]
    assert (context["form"], context["can_create"], context["extra"]) == (form, expected, 1)
    assert (context["page_obj"].number, list(context["page_obj"])) == (2, list(range(20, 40)))


@pytest.mark.django_db
def test_list_page_context_overrides_a_flag(world, monkeypatch):
    rendered = {}
    monkeypatch.setattr(
        views_helpers, "render", lambda request, template, context: rendered.update(context)
    )
    request = _request("get", user=User.objects.get(username="city_admin"))

    list_page(
        request,
        "orgs/list.html",
        NameForm(None),
        [],
        can={"create": "org.create"},
        can_create=False,
    )

    assert rendered["can_create"] is False


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(queryset=None, to_field_name="code")

    def __init__(self, *args, **kwargs):
        from wulian.areas.models import Area

        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.all()


def _outside_and_inside(user):
    from wulian.areas.models import Area
    from wulian.areas.selectors import visible_areas

    inside = visible_areas(user).first()
    outside = Area.objects.exclude(pk__in=visible_areas(user).values("pk")).first()
    return outside, inside


@pytest.mark.django_db
def test_refuse_area_outside_scope_puts_the_error_on_the_field(world):
    user = User.objects.get(username="xihuamen_admin")
    outside, _inside = _outside_and_inside(user)
    request = _request("post", {"area": outside.code}, user=user)
    form = AreaForm(request.POST)

    refuse_area_outside_scope(request, form)

    assert form.errors == {"area": ["该区域不在您的管辖范围内。"]}


@pytest.mark.django_db
def test_refuse_area_outside_scope_lets_an_area_in_scope_and_the_current_one_pass(world):
    user = User.objects.get(username="xihuamen_admin")
    outside, inside = _outside_and_inside(user)
    for code, current in ((inside.code, None), (outside.code, outside)):
        request = _request("post", {"area": code}, user=user)
        form = AreaForm(request.POST)

        refuse_area_outside_scope(request, form, current=current)

        assert form.errors == {}


@pytest.mark.django_db
def test_refuse_area_outside_scope_ignores_a_get(world):
    request = _request("get", user=User.objects.get(username="xihuamen_admin"))
    form = AreaForm(None)

    refuse_area_outside_scope(request, form)

    assert (form.is_bound, form.errors) == (False, {})


def test_flash_errors_shows_every_message_of_a_refusal_by_field_or_not():
    request = _request("post")

    flash_errors(
        request, ValidationError({"amount": ["金额超出余额。"], "reason": ["请填写事由。"]})
    )
    flash_errors(request, ValidationError("该项目已完工。"))

    assert _flashed(request) == ["金额超出余额。", "请填写事由。", "该项目已完工。"]


def test_act_calls_the_service_flashes_success_and_redirects():
    request = _request("post", user="actor")
    service = Recorder(result="2026-01")

    response = act(
        request, service, round=3, success=lambda no: f"已发布：{no}", redirect_to="/rounds/3/"
    )

    assert service.calls == [{"by": "actor", "round": 3}]
    assert (response.status_code, response["Location"]) == (302, "/rounds/3/")
    assert _flashed(request) == ["已发布：2026-01"]


def test_act_flashes_the_refusal_and_redirects_back_all_the_same():
    request = _request("post")

    response = act(
        request,
        Recorder(error=ValidationError({"round": ["评议尚未开始。"]})),
        success="x",
        redirect_to="/rounds/3/",
    )

    assert (response.status_code, response["Location"]) == (302, "/rounds/3/")
    assert _flashed(request) == ["评议尚未开始。"]
