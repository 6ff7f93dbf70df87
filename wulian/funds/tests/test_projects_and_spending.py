import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wulian.accounts.models import RoleKind
from wulian.accounts.tests.factories import UserFactory
from wulian.funds import services
from wulian.funds.models import LedgerEntry, Project
from wulian.funds.selectors import allocation_balance, project_spent
from wulian.funds.tests.factories import AllocationFactory, ProjectFactory
from wulian.orgs.models import Org


@pytest.fixture
def allocation(db):
    return AllocationFactory(amount="50000")  # of a fund holding 100,000


def _user(allocation, role):
    return UserFactory(role=role, org=Org.objects.get(leads=allocation.community))


@pytest.fixture
def staff(allocation):
    return _user(allocation, RoleKind.COMMUNITY_STAFF)


@pytest.fixture
def project(allocation, staff):
    project = services.create_project(
        by=staff,
        allocation=allocation,
        name="惠民超市改造",
        category="livelihood",
        budget="40000",
        beneficiaries=1200,
    )
    services.advance_project(
        by=_user(allocation, RoleKind.COMMUNITY_ADMIN), project=project, to_status="approved"
    )
    return project


def test_project_moves_through_its_statuses_one_step_at_a_time(project, allocation):
    admin = _user(allocation, RoleKind.COMMUNITY_ADMIN)
    with pytest.raises(ValidationError) as exc:
        services.advance_project(by=admin, project=project, to_status="accepted")
    assert exc.value.message_dict == {"status": ["项目当前为“已立项”，不能变更为“已验收”。"]}
    services.advance_project(by=admin, project=project, to_status="in_progress")
    services.advance_project(by=admin, project=project, to_status="accepted")
    assert Project.objects.get(pk=project.pk).status == "accepted"


def test_spending_is_booked_and_counted_from_the_ledger(project, allocation, staff):
    services.record_spending(by=staff, project=project, amount="12000.40", reason="货架采购")
    assert project_spent(project.pk) == Decimal("12000.40")
    assert allocation_balance(allocation.pk) == Decimal("37999.60")


def _refused(project, amount, message):
    before = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.record_spending(by=None, project=project, amount=amount, reason="支出")
    assert exc.value.message_dict == {"amount": [message]}
    assert LedgerEntry.objects.count() == before


def test_spending_beyond_the_allocation_is_refused(project, allocation):
    other = ProjectFactory(allocation=allocation, budget="45000", status="approved")
    services.record_spending(by=None, project=other, amount="20000", reason="厨房设备")
    _refused(project, "30000.01", "支出金额30,000.01 元超过拨付余额30,000.00 元。")


def test_spending_beyond_the_project_budget_is_refused(project):
    services.record_spending(by=None, project=project, amount="39000", reason="施工")
    _refused(project, "1000.01", "支出后累计40,000.01 元将超过项目预算40,000.00 元。")


def test_negative_spending_is_refused(project):
    _refused(project, "-1", "金额不能为负数。")


def test_a_planned_project_cannot_spend(allocation):
    planned = ProjectFactory(allocation=allocation, budget="10")
    _refused(planned, "1", "只有已立项或实施中的项目可以支出（当前：计划）。")


def test_spending_correction_is_a_new_entry(project, allocation):
    services.record_spending(by=None, project=project, amount="500", reason="施工")
    services.correct_spending(by=None, project=project, amount="200", reason="多记")
    assert project_spent(project.pk) == Decimal("300.00")
    assert allocation_balance(allocation.pk) == Decimal("49700.00")
    assert list(
        LedgerEntry.objects.filter(project=project).order_by("id").values_list("kind", "amount")
    ) == [("spending", Decimal("500.00")), ("spending_return", Decimal("200.00"))]


def test_facility_is_registered_under_its_project(project, staff):
    facility = services.create_facility(
        by=staff,
        project=project,
        kind="supermarket",
        name="西华门惠民超市",
        place="西华门街12号",
        opened_on=dt.date(2031, 6, 1),
    )
    assert (facility.community, facility.get_kind_display()) == (project.community, "惠民超市")
    with pytest.raises(ValidationError) as exc:
        services.create_facility(by=None, project=project, kind="supermarket", name="", place="")
    assert exc.value.message_dict == {"name": ["请填写设施名称。"], "place": ["请填写设施地点。"]}
