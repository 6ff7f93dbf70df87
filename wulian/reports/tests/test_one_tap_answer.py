"""The reporter answers 已解决 / 未解决 with one tap: recorded at once (htmx swaps the answer block),
no further submit; 未解决 opens the report again and tells the community; nobody else may answer."""

from django.urls import reverse

from wulian.notifications.models import Notification
from wulian.reports.models import Report, Status

BINS = "黉门街52号院门口垃圾桶满溢，已经两天没人清运。"


def test_resolved_is_recorded_with_one_tap(world, client):
    report = Report.objects.get(description=BINS)
    assert report.status == Status.HANDLED
    client.force_login(world.users["resident_demo"])
    response = client.post(
        reverse("reports:mine_answer", args=[report.pk]),
        {"answer": "resolved"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="answer-block"' in response.content.decode()
    assert "<html" not in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.answer) == (Status.CLOSED, "resolved")
    assert list(report.events.values_list("kind", flat=True)) == [
        "submitted",
        "handled",
        "resolved",
    ]
    client.post(
        reverse("reports:mine_answer", args=[report.pk]),
        {"answer": "resolved"},
        HTTP_HX_REQUEST="true",
    )
    assert report.events.count() == 3  # the same tap again changes nothing


def test_unresolved_reopens_it_and_tells_the_community(
    world, client, django_capture_on_commit_callbacks
):
    report = Report.objects.get(description=BINS)
    client.force_login(world.users["resident_demo"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:mine_answer", args=[report.pk]),
            {"answer": "unresolved"},
            HTTP_HX_REQUEST="true",
        )
    report.refresh_from_db()
    assert (report.status, report.answer) == (Status.OPEN, "unresolved")
    told = set(
        Notification.objects.filter(kind="report.unresolved").values_list(
            "user__username", flat=True
        )
    )
    assert "hongmenjie_admin" in told
    assert "resident_demo" not in told


def test_nobody_else_answers(world, client):
    report = Report.objects.get(description=BINS)
    client.force_login(world.users["member_demo"])
    response = client.post(
        reverse("reports:mine_answer", args=[report.pk]),
        {"answer": "resolved"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert (report.status, report.answer) == (Status.HANDLED, "")


def test_a_bad_answer_changes_nothing(world, client):
    report = Report.objects.get(description=BINS)
    client.force_login(world.users["resident_demo"])
    response = client.post(
        reverse("reports:mine_answer", args=[report.pk]),
        {"answer": "maybe"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "请选择“已解决”或“未解决”。" in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.answer, report.events.count()) == (Status.HANDLED, "", 2)
