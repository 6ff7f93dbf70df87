import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.duties import services
from wulian.duties.models import Duty, DutyKind, DutyStatus
from wulian.web.testing import assert_flat_queries, query_guard

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _assign(world, title, n=1):
    targets = [world.orgs["xiyuhe"], world.orgs["supo"], world.orgs["xihuamen"]][:n]
    return services.assign_duty(
        by=world.users["qingyang_admin"],
        targets=targets,
        kind=DutyKind.TASK,
        title=title,
        assigned_on=dt.date(2026, 11, 2),
        due_on=dt.date(2026, 12, 31),
    )


DUTY_LISTS = ["duties:index", "duties:export", "duties:lists"]


@query_guard(*DUTY_LISTS)
@pytest.mark.parametrize("name", DUTY_LISTS)
def test_list_views_query_count_does_not_grow_with_rows(world, client, login, name):
    login("qingyang_admin")
    _assign(world, "计数甲", 1)
    url = reverse(name) + ("?year=2026" if name == "duties:lists" else "?q=计数甲")
    if name == "duties:lists":
        # The demo's orgs hold 2026 lists already: new lists of an empty year appear as rows.
        by = world.users["qingyang_admin"]

        def lists(*keys):
            for key in keys:
                services.create_duty_list(by=by, org=world.orgs[key], year=2030, kind=DutyKind.TASK)

        lists("xiyuhe")
        assert_flat_queries(client, reverse(name) + "?year=2030", lambda: lists("supo", "xihuamen"))
        return
    assert_flat_queries(client, url, lambda: _assign(world, "计数甲", 3), grows_by=3)


@query_guard("duties:list_export")
def test_list_export_query_count_does_not_grow_with_duties(world, client, login):
    login("qingyang_admin")
    duty = _assign(world, "计数乙", 1)[0]

    def two_more():
        for n in range(2):
            services.create_duty(
                by=None,
                duty_list=duty.duty_list,
                title=f"计数乙{n}",
                due_on=dt.date(2026, 12, 31),
                co_orgs=[world.orgs["supo"]],
            )

    assert_flat_queries(client, reverse("duties:list_export", args=[duty.duty_list_id]), two_more)
    assert Duty.objects.filter(duty_list=duty.duty_list).count() >= 3


def test_holiday_list_query_count(world, client, login):
    login("city_admin")
    url = reverse("duties:holidays") + "?year=2026"  # 39 days; 2025 has 33 (both cross-checked)
    assert _queries(client, url) == _queries(client, reverse("duties:holidays") + "?year=2025")


def test_assignment_page_shows_each_targets_progress(world, client, login):
    duties = _assign(world, "批次事项", 2)
    services.report_progress(by=world.users["xiyuhe_admin"], duty=duties[0], text="完成", done=True)
    login("qingyang_admin")
    response = client.get(reverse("duties:assignment", args=[duties[0].assignment]))
    text = response.content.decode()
    assert response.status_code == 200
    assert world.orgs["xiyuhe"].name in text
    assert world.orgs["supo"].name in text
    assert "已完成1个" in text


def test_assign_through_the_page_and_report_with_evidence(world, client, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login("qingyang_admin")
    response = client.post(
        reverse("duties:assign"),
        {
            "kind": "task",
            "targets": [world.orgs["xiyuhe"].pk, world.orgs["supo"].pk],
            "title": "页面下达",
            "assigned_on": "2026-11-02",
            "due_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    duty = Duty.objects.get(title="页面下达", lead_org=world.orgs["xiyuhe"])
    login("xiyuhe_admin")
    response = client.post(
        reverse("duties:report", args=[duty.pk]),
        {
            "text": "已完成",
            "done": "on",
            "evidence": SimpleUploadedFile("会议纪要.txt", "纪要".encode()),
        },
    )
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.status == DutyStatus.DONE
    report = duty.reports.get()
    assert client.get(reverse("duties:evidence", args=[report.pk])).status_code == 200


def test_a_due_before_assigned_form_shows_the_error(world, client, login):
    login("qingyang_admin")
    count = Duty.objects.count()
    response = client.post(
        reverse("duties:assign"),
        {
            "kind": "task",
            "targets": [world.orgs["xiyuhe"].pk],
            "title": "错误日期",
            "assigned_on": "2026-11-02",
            "due_on": "2026-11-01",
        },
    )
    assert response.status_code == 200
    assert "不能早于下达日期" in response.content.decode()
    assert Duty.objects.count() == count


def test_progress_on_someone_elses_duty_through_the_page_is_refused(world, client, login):
    duty = _assign(world, "他人事项")[0]
    login("xihuamen_admin")  # 西华门社区 sees 西御河街道's duties? no: outside its subtree
    assert client.post(reverse("duties:report", args=[duty.pk]), {"text": "x"}).status_code == 404
    login("qingyang_admin")  # sees it, but it is not its own
    response = client.post(reverse("duties:report", args=[duty.pk]), {"text": "代报", "done": "on"})
    assert response.status_code == 403
    duty.refresh_from_db()
    assert (duty.status, duty.reports.count()) == (DutyStatus.OPEN, 0)


def test_api_assign_and_report(world, client):
    from wulian.accounts.services import create_token

    token = create_token(user=world.users["qingyang_admin"], by=None)
    response = client.post(
        "/api/v1/duties/assign/",
        data={
            "kind": "task",
            "targets": [world.orgs["xiyuhe"].pk, world.orgs["supo"].pk],
            "title": "接口下达",
            "assigned_on": "2026-11-02",
            "due_on": "2026-12-31",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    body = response.json()
    assert [d["lead_org"] for d in body] == [world.orgs["xiyuhe"].pk, world.orgs["supo"].pk]
    bad = client.post(
        "/api/v1/duties/assign/",
        data={
            "kind": "task",
            "targets": [world.orgs["xiyuhe"].pk],
            "title": "接口下达",
            "assigned_on": "2026-11-02",
            "due_on": "2026-11-01",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert bad.status_code == 422
    assert "due_on" in bad.json()["errors"]
    street = create_token(user=world.users["xiyuhe_admin"], by=None)
    response = client.post(
        f"/api/v1/duties/{body[0]['id']}/progress/",
        data={"text": "完成", "done": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {street}",
    )
    assert response.status_code == 201
    refused = client.post(
        f"/api/v1/duties/{body[1]['id']}/progress/",
        data={"text": "代报"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert refused.status_code == 403
    listed = client.get("/api/v1/duties/?q=接口下达", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert sorted(d["status"] for d in listed) == ["done", "open"]
