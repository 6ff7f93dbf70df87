import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wulian.accounts.services import create_token
from wulian.funds import services
from wulian.funds.models import Allocation, Fund, LedgerEntry, Project
from wulian.web.demo import CITY, QINGYUAN, XIHUAMEN
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def _more_rows(world):
    """Two more funds, allocations, projects and facilities in 西华门社区."""
    for year in (2032, 2033):
        fund = services.create_fund(by=None, year=year, kind="incentive", area=world.areas[CITY])
        services.add_fund_source(
            by=None,
            fund=fund,
            department=world.orgs["dept_civil"],
            amount="1000",
            received_on=dt.date(year, 1, 1),
        )
        allocation = services.allocate(
            by=None,
            fund=fund,
            community=world.areas[XIHUAMEN],
            amount="500",
            allocated_on=dt.date(year, 2, 1),
        )
        project = services.create_project(
            by=None, allocation=allocation, name=f"项目{year}", category="other", budget="100"
        )
        services.create_facility(
            by=None, project=project, kind="other", name=f"设施{year}", place="x"
        )


FUND_LISTS = [
    "funds:fund_list",
    "funds:allocation_list",
    "funds:allocation_export",
    "funds:project_list",
    "funds:project_export",
    "funds:facility_list",
    "funds:facility_export",
    "funds:report",
    "funds:report_export",
    "api:funds_fund_list",
    "api:funds_allocation_list",
    "api:funds_project_list",
    "api:funds_facility_list",
]


@query_guard(*FUND_LISTS)
@pytest.mark.parametrize("name", FUND_LISTS)
def test_lists_make_the_same_number_of_queries_for_more_rows(world, client, login, name):
    user = login("city_admin")
    # The report is a summary (a fixed row per status, category and kind): its rows do not grow.
    assert_flat_queries(
        client,
        reverse(name),
        lambda: _more_rows(world),
        headers=bearer(user) if name.startswith("api:") else None,
        grows_by=None if name.startswith("funds:report") else 2,
    )


def test_community_staff_see_their_allocations_and_not_others(world, client, login):
    login("xihuamen_staff")
    mine = Allocation.objects.filter(community__code=XIHUAMEN).first()
    other = Allocation.objects.filter(community__code=QINGYUAN).first()
    assert client.get(reverse("funds:allocation_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("funds:allocation_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("funds:fund_detail", args=[mine.fund_id])).status_code == 404
    page = client.get(reverse("funds:allocation_list")).content.decode()
    assert "西华门社区" in page
    assert "清源社区" not in page


def test_allocation_page_spends_and_refuses_overspending_with_a_message(world, client, login):
    login("xihuamen_admin")
    project = Project.objects.get(name="西华门惠民超市改造")
    url = reverse("funds:project_spend", args=[project.pk])
    response = client.post(url, {"amount": "1000", "reason": "货架"}, follow=True)
    assert "支出已记账。" in response.content.decode()
    count = LedgerEntry.objects.count()
    response = client.post(url, {"amount": "999999", "reason": "超支"}, follow=True)
    assert "超过拨付余额" in response.content.decode()
    assert LedgerEntry.objects.count() == count


def test_printed_allocation_notice_shows_the_amount_in_capitals(world, client, login):
    from django.template.loader import render_to_string
    from weasyprint import HTML  # noqa: F401  (the PDF engine is installed)

    from wulian.funds.money import rmb_upper

    allocation = Allocation.objects.get(
        community__code=XIHUAMEN, fund__kind="guarantee", fund__year=2025
    )
    html = render_to_string(
        "funds/allocation_pdf.html",
        {"title": "t", "allocation": allocation, "amount_upper": rmb_upper(allocation.amount)},
    )
    assert "人民币肆拾万元整" in html
    login("xihuamen_staff")
    response = client.get(reverse("funds:allocation_pdf", args=[allocation.pk]))
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


def test_report_sums_the_area_subtree(world, client, login):
    login("xiyuhe_admin")
    response = client.get(reverse("funds:report"))
    report = response.context["report"]
    # 西御河街道 holds no fund; 西华门社区 received 400,000 + 100,000 and spent 78,500 + 60,000.
    assert (report["received"], report["allocated"], report["spent"]) == (
        Decimal("0.00"),
        Decimal("500000.00"),
        Decimal("138500.00"),
    )
    assert report["by_kind"] == {"supermarket": 1}
    login("city_admin")
    report = client.get(reverse("funds:report")).context["report"]
    assert report["received"] == Decimal("8000000.00")
    assert client.get(reverse("funds:report") + "?area=510105013011").context["report"][
        "by_kind"
    ] == {"canteen": 1}


def test_report_of_an_area_outside_the_scope_is_404(world, client, login):
    login("xihuamen_admin")
    assert client.get(reverse("funds:report") + f"?area={QINGYUAN}").status_code == 404


def test_project_export_lists_the_visible_projects(world, client, login):
    login("xihuamen_staff")
    response = client.get(reverse("funds:project_export"))
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == sorted(
        Project.objects.filter(community__code=XIHUAMEN).values_list("name", flat=True)
    )


def test_api_allocates_through_the_service_and_reports_refusals_per_field(world, client):
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['city_admin'], by=None)}"
    }
    fund = Fund.objects.get(year=2025, kind="incentive")
    url = reverse("api:funds_allocation_create", args=[fund.pk])
    ok = client.post(
        url,
        {"community": QINGYUAN, "amount": "1000.50", "allocated_on": "2025-06-01"},
        content_type="application/json",
        **headers,
    )
    assert (ok.status_code, ok.json()["amount"], ok.json()["community"]) == (
        201,
        "1000.50",
        QINGYUAN,
    )
    too_much = client.post(
        url,
        {"community": QINGYUAN, "amount": "99999999", "allocated_on": "2025-06-01"},
        content_type="application/json",
        **headers,
    )
    assert too_much.status_code == 422
    assert too_much.json()["errors"]["amount"][0].startswith("拨付金额99,999,999.00 元超过资金余额")
    report = client.get(reverse("api:funds_report") + f"?area={QINGYUAN}", **headers).json()
    assert report["allocated"] == "501000.50"
