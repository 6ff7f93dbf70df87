"""Pages and API: drafting with items, both sides confirming, deliveries with evidence, the PDF."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.agreements import services
from wulian.agreements.models import Agreement, AgreementStatus, Delivery, ServiceItem
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def test_staff_drafts_adds_items_and_both_sides_confirm_on_the_pages(world, client, login, clock):
    login("hongmenjie_admin")
    response = client.post(
        reverse("agreements:create"),
        {
            "party_org": world.orgs["hongmenjie"].pk,
            "unit": world.orgs["cdc"].pk,
            "start": "2026-01-01",
            "end": "2026-12-31",
        },
    )
    agreement = Agreement.objects.get(unit=world.orgs["cdc"])
    assert response["Location"] == reverse("agreements:detail", args=[agreement.pk])
    assert agreement.title == "黉门街社区党委与四川省疾病预防控制中心服务项目责任书"
    response = client.post(
        reverse("agreements:item_add", args=[agreement.pk]),
        {
            "content": "健康讲座",
            "kind": "service",
            "target_count": "-2",
            "target_unit": "次/月",
            "target_period": "month",
            "responsible_org": world.orgs["cdc"].pk,
            "responsible_person": "郑伟",
        },
    )
    assert response.context["form"].errors["target_count"] == ["目标数量不能为负数（填写了 -2）。"]
    client.post(
        reverse("agreements:item_add", args=[agreement.pk]),
        {
            "content": "健康讲座",
            "kind": "service",
            "target_count": "2",
            "target_unit": "次/月",
            "target_period": "month",
            "responsible_org": world.orgs["cdc"].pk,
            "responsible_person": "郑伟",
        },
    )
    client.post(reverse("agreements:submit", args=[agreement.pk]))
    client.post(reverse("agreements:confirm", args=[agreement.pk]))
    from wulian.accounts.models import User
    from wulian.accounts.services import grant_role

    contact = User.objects.create(username="cdc_contact")
    grant_role(user=contact, kind="unit_contact", org=world.orgs["cdc"], by=None)
    client.force_login(contact)
    client.post(reverse("agreements:confirm", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    item = agreement.items.get()
    upload = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("agreements:delivery_add", args=[item.pk]),
        {
            "date": "2026-12-05",
            "count": "1",
            "beneficiaries": "40",
            "note": "高血压防治",
            "evidence": upload,
        },
    )
    assert response.status_code == 302
    delivery = Delivery.objects.get(item=item)
    assert (
        delivery.count,
        delivery.beneficiaries,
        delivery.evidence.name.endswith("签到表.pdf"),
    ) == (1, 40, True)
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "0/2" in page
    assert "待确认1" in page
    assert "fulfilment-red" in page  # recorded, not yet confirmed
    assert (
        f'action="{reverse("agreements:delivery_confirm", args=[delivery.pk])}"' not in page
    )  # not the unit's call
    login("hongmenjie_admin")
    response = client.post(reverse("agreements:delivery_confirm", args=[delivery.pk]))
    assert response["Location"] == reverse("agreements:detail", args=[agreement.pk])
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "fulfilment-yellow" not in page
    assert "1/2" in page
    assert "fulfilment-red" in page
    assert "待确认1" not in page


def test_evidence_of_a_wrong_type_is_refused(world, in_force, client, login):
    login("huaxi_contact")
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("agreements:delivery_add", args=[in_force.items.get().pk]),
        {"date": "2026-12-05", "count": "1", "evidence": upload},
    )
    assert response.context["form"].errors["evidence"] == ["文件“x.exe”是可执行文件，不能上传。"]
    assert Delivery.objects.filter(item__agreement=in_force).count() == 0


def test_pdf_renders_with_title_parties_and_items(world, in_force, client, login):
    login("huaxi_contact")
    response = client.get(reverse("agreements:pdf", args=[in_force.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_template_lays_out_the_responsibility_letter(world, in_force):
    from django.template.loader import render_to_string

    html = render_to_string(
        "agreements/pdf.html",
        {"agreement": in_force, "items": in_force.items.all(), "title": "服务项目责任书"},
    )
    for text in (
        "服务项目责任书",
        "黉门街社区党委",
        "四川大学华西医院",
        "2026年1月1日",
        "免费义诊",
        "专家坐诊",
        "10次/月",
        "王建国",
        "甲方（盖章）",
        "乙方（盖章）",
    ):
        assert text in html


def test_superseded_version_page_says_read_only(world, in_force, client, login):
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    new = services.revise_agreement(agreement=in_force, by=admin)
    services.submit_agreement(agreement=new, by=admin)
    services.confirm_agreement(agreement=new, by=admin)
    services.confirm_agreement(agreement=new, by=contact)
    login("hongmenjie_admin")
    page = client.get(reverse("agreements:detail", args=[in_force.pk])).content.decode()
    assert "本版本已被新版本替代，只读。" in page
    assert "变更（生成新版本）" not in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _draft(world, unit_key: str):
    agreement = services.create_agreement(
        by=None,
        party_org=world.orgs["hongmenjie"],
        unit=world.orgs[unit_key],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        title=f"协议{unit_key}",
    )
    services.add_item(
        agreement=agreement,
        by=None,
        content="服务",
        target_count=1,
        target_unit="次/月",
        responsible_org=world.orgs[unit_key],
        responsible_person="某",
    )
    return agreement


@query_guard("agreements:list", "api:agreement_list")
@pytest.mark.parametrize("name", ["agreements:list", "api:agreement_list"])
def test_agreement_lists_query_count_does_not_grow(world, client, login, clock, name):
    user = login("hongmenjie_admin")
    _draft(world, "cdc")
    assert_flat_queries(
        client,
        reverse(name) + "?q=协议",
        lambda: (_draft(world, "library"), _draft(world, "museum")),
        headers=bearer(user) if name.startswith("api:") else None,
    )


@query_guard("agreements:fulfilment_export")
def test_fulfilment_export_query_count_does_not_grow_with_items(world, draft, client, login):
    login("hongmenjie_admin")

    def two_items():
        for n in range(2):
            services.add_item(
                agreement=draft,
                by=None,
                content=f"项目{n}",
                target_count=1,
                target_unit="次/月",
                responsible_org=world.orgs["huaxi"],
                responsible_person="某",
            )

    # One row per item and month of the agreement's year.
    assert_flat_queries(
        client, reverse("agreements:fulfilment_export", args=[draft.pk]), two_items, grows_by=2 * 12
    )


@query_guard("api:delivery_list")
def test_delivery_list_endpoint_query_count_does_not_grow(world, in_force, client):
    item = in_force.items.get()

    def two_deliveries():
        for day in (2, 3):
            services.record_delivery(item=item, by=None, date=dt.date(2026, 11, day), count=1)

    services.record_delivery(item=item, by=None, date=dt.date(2026, 11, 1), count=1)
    assert_flat_queries(
        client,
        reverse("api:delivery_list", args=[in_force.pk]),
        two_deliveries,
        headers=bearer(world.users["huaxi_contact"]),
    )
    assert Delivery.objects.filter(item=item).count() == 3


def test_detail_query_count_does_not_grow_with_items(world, draft, client, login):
    login("hongmenjie_admin")
    url = reverse("agreements:detail", args=[draft.pk])
    _count(client, url)  # warm up: the first page of a session reads what later pages find cached
    one = _count(client, url)
    for n in range(2):
        services.add_item(
            agreement=draft,
            by=None,
            content=f"项目{n}",
            target_count=1,
            target_unit="次/月",
            responsible_org=world.orgs["huaxi"],
            responsible_person="某",
        )
    assert _count(client, url) == one


def test_api_negative_target_is_a_clear_422_and_writes_nothing(world, draft, api):
    before = ServiceItem.objects.filter(agreement=draft).count()
    response = api(
        "post",
        "api:agreement_item_add",
        world.users["hongmenjie_admin"],
        {
            "content": "义诊",
            "target_count": -5,
            "target_unit": "次/月",
            "responsible_org": world.orgs["huaxi"].pk,
            "responsible_person": "王建国",
        },
        pk=draft.pk,
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"target_count": ["目标数量不能为负数（填写了 -5）。"]}
    assert ServiceItem.objects.filter(agreement=draft).count() == before


def test_api_flow_to_in_force_and_fulfilment(world, draft, api):
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    assert api("post", "api:agreement_submit", admin, pk=draft.pk).json()["status"] == "awaiting"
    assert api("post", "api:agreement_confirm", admin, pk=draft.pk).json()["status"] == "awaiting"
    assert api("post", "api:agreement_confirm", contact, pk=draft.pk).json()["status"] == "in_force"
    item = draft.items.get()
    created = api(
        "post", "api:delivery_create", contact, {"date": "2026-12-01", "count": 10}, pk=item.pk
    )
    assert (created.status_code, created.json()["status"]) == (201, "pending")
    cells = api("get", "api:agreement_fulfilment", contact, pk=draft.pk).json()[0]["cells"]
    assert cells[-1] == {
        "month": "2026-12",
        "delivered": 0,
        "target": 10,
        "percent": 0,
        "surplus": 0,
        "pending": 10,
        "status": "red",
    }
    assert (
        api("post", "api:delivery_confirm", contact, {}, pk=created.json()["id"]).status_code == 403
    )
    assert (
        api("post", "api:delivery_confirm", admin, {}, pk=created.json()["id"]).json()["status"]
        == "confirmed"
    )
    cells = api("get", "api:agreement_fulfilment", contact, pk=draft.pk).json()[0]["cells"]
    assert cells[-1] == {
        "month": "2026-12",
        "delivered": 10,
        "target": 10,
        "percent": 100,
        "surplus": 0,
        "pending": 0,
        "status": "green",
    }
