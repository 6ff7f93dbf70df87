"""The steps the split pages share: a form posted from a detail page, a row button that redirects
on its own, a list page's export, and the one .xlsx download."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wulian.core.spreadsheets import XLSX, xlsx_response
from wulian.web import spreadsheet_views
from wulian.web.views_helpers import attempt, post_and_return


class NoteForm(forms.Form):
    text = forms.CharField(label="进展情况")


def _request(data: dict | None = None, get: dict | None = None):
    request = (
        RequestFactory().post("/somewhere/", data or {})
        if get is None
        else RequestFactory().get("/", get)
    )
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = "actor"
    return request


def _flashed(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_post_and_return_hands_the_cleaned_data_to_the_call_and_goes_back_with_the_success():
    request = _request({"text": "已完成一半"})
    calls = []

    response = post_and_return(
        request,
        NoteForm(request.POST),
        calls.append,
        success="进展已报告。",
        redirect_to="/items/7/",
    )

    assert (response.status_code, response.url) == (302, "/items/7/")
    assert calls == [{"text": "已完成一半"}]
    assert _flashed(request) == ["进展已报告。"]


def test_post_and_return_names_the_field_of_each_form_error_and_calls_nothing():
    request = _request({"text": ""})
    calls = []

    response = post_and_return(
        request,
        NoteForm(request.POST),
        calls.append,
        success="进展已报告。",
        redirect_to="/items/7/",
    )

    assert (response.status_code, response.url) == (302, "/items/7/")
    assert calls == []
    assert _flashed(request) == ["进展情况：这个字段是必填项。"]


def test_post_and_return_shows_each_message_of_a_refusal():
    request = _request({"text": "好了"})

    def refuse(data):
        raise ValidationError({"text": ["已验收，不能再报告。"], "__all__": ["请联系召集单位。"]})

    post_and_return(
        request, NoteForm(request.POST), refuse, success="进展已报告。", redirect_to="/items/7/"
    )

    assert _flashed(request) == ["已验收，不能再报告。", "请联系召集单位。"]


def test_attempt_flashes_the_success_made_from_the_result_and_returns_it():
    request = _request()

    assert attempt(request, lambda: "DX-7", lambda no: f"已发布：{no}") == (True, "DX-7")
    assert _flashed(request) == ["已发布：DX-7"]


def test_attempt_joins_a_refusal_into_one_error_and_says_it_did_not_go_through():
    request = _request()

    def refuse():
        raise ValidationError(["通报已发布。", "不能删除。"])

    assert attempt(request, refuse, "已删除。") == (False, None)
    assert _flashed(request) == ["通报已发布。；不能删除。"]


def test_search_export_writes_what_the_search_finds_and_records_its_filters(monkeypatch):
    class SearchForm(forms.Form):
        q = forms.CharField(required=False)
        year = forms.IntegerField(required=False)

    request = _request(get={"q": "黉门", "year": ""})
    sent = {}
    monkeypatch.setattr(
        spreadsheet_views,
        "export_response",
        lambda request, **kwargs: sent.update(kwargs) or "sent",
    )

    answer = spreadsheet_views.search_export(
        request,
        lambda r: (SearchForm(r.GET), ["a", "b", "c"]),
        action="x.export",
        object_type="x.thing",
        title="事项",
        write=lambda rows: ",".join(rows).encode(),
        rows=lambda qs: qs[:2],
    )

    assert answer == "sent"
    assert sent == {
        "action": "x.export",
        "object_type": "x.thing",
        "title": "事项",
        "data": b"a,b",
        "count": 2,
        "filters": {"q": "黉门"},
    }


def test_xlsx_response_names_the_file_in_utf8_with_an_ascii_fallback():
    chinese = xlsx_response(b"PK", "数据看板.xlsx")
    plain = xlsx_response(b"PK", "board.xlsx")

    assert (chinese["Content-Type"], chinese.content) == (XLSX, b"PK")
    assert chinese["Content-Disposition"] == (
        "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E6%95%B0%E6%8D%AE%E7%9C%8B%E6%9D%BF.xlsx"
    )
    assert (
        plain["Content-Disposition"]
        == "attachment; filename=\"board.xlsx\"; filename*=UTF-8''board.xlsx"
    )
