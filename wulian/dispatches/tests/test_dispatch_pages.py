import datetime as dt

import pytest
from django.urls import reverse

from wulian.core.crypto import sm3_hex
from wulian.dispatches import services
from wulian.dispatches.models import Dispatch, DispatchStatus
from wulian.web.testing import assert_flat_queries, query_guard

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


def _published(world):
    return Dispatch.objects.filter(
        scope_area=world.areas["510105000000"], status=DispatchStatus.PUBLISHED
    ).first()


def test_the_published_pdf_is_the_frozen_file_and_a_tampered_file_is_refused(world, client, login):
    dispatch = _published(world)
    login("qingyang_admin")
    response = client.get(reverse("dispatches:pdf", args=[dispatch.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["X-Content-SM3"] == dispatch.pdf_sm3 == sm3_hex(response.content)
    from pathlib import Path

    path = Path(dispatch.pdf.path)
    original = path.read_bytes()
    path.write_bytes(original + b"tampered")
    try:
        assert client.get(reverse("dispatches:pdf", args=[dispatch.pk])).status_code == 409
    finally:
        path.write_bytes(original)


def test_a_draft_previews_as_a_pdf_without_a_number(world, client, login):
    draft, _ = services.generate_monthly_dispatch(
        scope_area=world.areas["510105000000"], period=dt.date(2026, 6, 1)
    )
    login("qingyang_admin")
    response = client.get(reverse("dispatches:pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    draft.refresh_from_db()
    assert (draft.status, draft.doc_number, draft.pdf.name) == (DispatchStatus.DRAFT, None, "")


def test_review_criticize_and_publish_through_the_pages(world, client, login):
    draft, _ = services.generate_monthly_dispatch(
        scope_area=world.areas["510105000000"], period=dt.date(2026, 6, 1)
    )
    login("qingyang_admin")
    url = reverse("dispatches:detail", args=[draft.pk])
    assert (
        client.post(
            reverse("dispatches:edit", args=[draft.pk]), {"title": "改后的标题", "intro": "导语"}
        ).status_code
        == 302
    )
    outside = client.post(
        reverse("dispatches:criticize", args=[draft.pk]),
        {"org": world.orgs["yulin"].pk, "failure": "x", "deadline": "2099-01-01"},
    )
    assert outside.status_code == 400  # 玉林街道 is not even in the choices of a 青羊区 user
    response = client.post(
        reverse("dispatches:criticize", args=[draft.pk]),
        {"org": world.orgs["supo"].pk, "failure": "台账不全", "deadline": "2099-01-01"},
    )
    assert response.status_code == 302
    assert client.post(reverse("dispatches:publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == DispatchStatus.PUBLISHED
    assert draft.title == "改后的标题"
    page = client.get(url).content.decode()
    assert draft.document_no in page
    assert draft.pdf_sm3 in page
    # Editing a published dispatch: refused, nothing changes.
    assert (
        client.post(reverse("dispatches:edit", args=[draft.pk]), {"title": "再改"}).status_code
        == 302
    )
    client.post(reverse("dispatches:publish", args=[draft.pk]))
    before = (draft.title, draft.doc_number, draft.pdf_sm3)
    draft.refresh_from_db()
    assert (draft.title, draft.doc_number, draft.pdf_sm3) == before


def test_out_of_scope_dispatch_pages_answer_404(world, client, login):
    dispatch = _published(world)
    for user in ("wuhou_admin", "xiyuhe_admin"):
        login(user)
        assert client.get(reverse("dispatches:detail", args=[dispatch.pk])).status_code == 404
        assert client.get(reverse("dispatches:pdf", args=[dispatch.pk])).status_code == 404


def test_the_criticized_org_sees_its_rectification_and_its_record_page(world, client, login):
    wuhou = Dispatch.objects.get(
        scope_area=world.areas["510107000000"], status=DispatchStatus.PUBLISHED
    )
    rect = wuhou.criticisms.get().rectification
    login("city_admin")
    response = client.get(reverse("dispatches:org_record", args=[world.orgs["yulin"].pk]))
    assert response.status_code == 200
    assert wuhou.document_no in response.content.decode()
    login("qingyang_admin")
    assert client.get(reverse("dispatches:rectification_detail", args=[rect.pk])).status_code == 404


PAGE_LISTS = [
    ("dispatches:list", "dispatch"),
    ("dispatches:export", "dispatch"),
    ("dispatches:rectifications", "rectification"),
    ("dispatches:rectification_export", "rectification"),
    ("dispatches:inspections", "inspection"),
    ("dispatches:inquiries", "inquiry"),
]


@query_guard(*(name for name, _ in PAGE_LISTS))
@pytest.mark.parametrize(("name", "make"), PAGE_LISTS)
def test_list_views_query_count_does_not_grow_with_rows(world, client, login, name, make):
    def add(n):
        for i in range(n):
            if make == "dispatch":
                services.generate_monthly_dispatch(
                    scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + len(made), 1)
                )
            elif make == "rectification":
                d, _ = services.generate_monthly_dispatch(
                    scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + len(made), 1)
                )
                services.add_criticism(
                    by=None, dispatch=d, org=world.orgs["xiyuhe"], failure="x", deadline=FUTURE
                )
                Dispatch.objects.filter(pk=d.pk).update(
                    status="published", doc_year=2025, doc_number=100 + len(made)
                )
            elif make == "inspection":
                services.create_inspection(
                    by=None,
                    kind="supervision",
                    target=world.orgs["xiyuhe"],
                    scheduled_on=dt.date(2026, 12, 1),
                    inspector="计数",
                    checklist=["台账"],
                )
            else:
                services.send_inquiry(
                    by=None,
                    to_org=world.orgs["xiyuhe"],
                    subject="计数",
                    question="q",
                    reply_due=FUTURE,
                )
            made.append(i)

    made: list[int] = []
    login("qingyang_admin")
    add(1)
    assert_flat_queries(client, reverse(name), lambda: add(2))


@query_guard("dispatches:figures_export")
def test_figures_export_query_count_does_not_grow_with_rows(world, client, login):
    dispatch = _published(world)

    def two_more_rows():
        figures = dict(dispatch.figures)
        figures["rows"] = [*figures["rows"], *figures["rows"][:2]]
        Dispatch.objects.filter(pk=dispatch.pk).update(figures=figures)

    assert len(dispatch.figures["rows"]) >= 2
    login("qingyang_admin")
    assert_flat_queries(
        client, reverse("dispatches:figures_export", args=[dispatch.pk]), two_more_rows
    )
