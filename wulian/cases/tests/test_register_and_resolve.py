import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.cases import services
from wulian.cases.models import Case, Status
from wulian.web.demo import HONGMENJIE, XIHUAMEN


def _counts():
    return Case.objects.count(), AuditEntry.objects.count()


def _register(world, user="xihuamen_admin", area=XIHUAMEN, **over):
    data = dict(
        by=world.users[user],
        area=world.areas[area],
        category="property_management",
        title="物业公司停水未通知",
        parties="8号院业主；物业公司",
        description="停水两天未提前通知。",
    )
    data.update(over)
    return services.register_case(**data)


def test_staff_register_a_case_in_their_area(world):
    case = _register(world)
    assert (case.area, case.category, case.source, case.status) == (
        world.areas[XIHUAMEN],
        "property_management",
        "staff",
        Status.OPEN,
    )
    assert AuditEntry.objects.filter(action="case.create", object_id=str(case.pk)).count() == 1


def test_a_case_without_title_or_description_is_refused_and_nothing_written(world):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _register(world, title=" ", description="", category="nonsense")
    assert set(exc.value.message_dict) == {"title", "description", "category"}
    assert _counts() == before


def test_a_case_outside_the_users_area_is_refused(world):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _register(world, area=HONGMENJIE)
    assert _counts() == before


def test_a_resident_reports_a_problem_in_their_home_area(world, django_capture_on_commit_callbacks):
    resident = world.users["resident_demo"]  # 李秀英 lives in 黉门街社区
    from wulian.notifications.models import Notification

    told = Notification.objects.filter(user=world.users["hongmenjie_admin"], kind="case.new")
    before = told.count()  # the demo's own report by her
    with django_capture_on_commit_callbacks(execute=True):
        case = services.report_case(
            by=resident, category="parking", title="小区门口乱停车", description="堵住消防通道"
        )
    assert (case.area, case.source, case.reporter) == (
        world.areas[HONGMENJIE],
        "resident",
        world.people["li_xiuying"],
    )
    assert told.count() == before + 1


def test_resolution_records_who_how_and_when_once(world):
    case = _register(world)
    services.resolve_case(
        case=case,
        by=world.users["xihuamen_admin"],
        resolution="协调物业恢复供水并道歉",
        method="mediation",
        resolved_by_org=world.orgs["xihuamen"],
    )
    case.refresh_from_db()
    assert (case.status, case.method, case.resolved_by, case.resolved_by_org, case.resolved_on) == (
        Status.RESOLVED,
        "mediation",
        world.users["xihuamen_admin"],
        world.orgs["xihuamen"],
        timezone.localdate(),
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.resolve_case(
            case=case, by=world.users["xihuamen_admin"], resolution="再次", method="other"
        )
    assert "已化解" in exc.value.message_dict["resolution"][0]
    assert _counts() == before


def test_a_resolution_without_text_or_in_the_future_is_refused(world):
    case = _register(world)
    with pytest.raises(ValidationError) as exc:
        services.resolve_case(
            case=case,
            by=world.users["xihuamen_admin"],
            resolution="",
            method="other",
            resolved_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"resolution", "resolved_on"}
    assert Case.objects.get(pk=case.pk).status == Status.OPEN
