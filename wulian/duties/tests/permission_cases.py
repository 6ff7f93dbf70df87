"""The permission matrix's rows for duty lists, duties and holidays: pages and API.

Targets: 西御河街道's and 西华门社区's duties (inside 青羊区), and 玉林街道's (武侯区)."""

import datetime as dt

from wulian.web.testing import Target, UrlCase


def _duties(world) -> list[Target]:
    from wulian.duties.models import Duty

    out = []
    for key in ("xiyuhe", "xihuamen", "yulin"):
        org = world.orgs[key]
        duty = Duty.objects.filter(lead_org=org).first()
        if duty is None:
            from wulian.duties import services
            from wulian.duties.models import DutyKind

            duty = services.assign_duty(
                by=None,
                targets=[org],
                kind=DutyKind.TASK,
                title="测试事项",
                assigned_on=dt.date(2026, 1, 5),
                due_on=dt.date(2026, 12, 31),
            )[0]
        out.append(Target({"pk": duty.pk}, area=org.area, org=org))
    return out


def _not_taking_part(user, target: Target) -> bool:
    """Stated as data, not by the rule under test: whoever holds no role at the duty's lead org
    or one of its co-operating orgs is refused (403) a progress report, before the body is read."""
    from wulian.accounts.models import Role
    from wulian.duties.models import Duty

    duty = Duty.objects.get(pk=target.kwargs["pk"])
    orgs = [duty.lead_org_id, *duty.co_orgs.values_list("pk", flat=True)]
    return not Role.objects.filter(user=user, org_id__in=orgs).exists()


def _lists(world) -> list[Target]:
    from wulian.duties.models import Duty

    out = []
    for t in _duties(world):
        duty = Duty.objects.get(pk=t.kwargs["pk"])
        out.append(Target({"pk": duty.duty_list_id}, area=t.area, org=t.org))
    return out


def _assignments(world) -> list[Target]:
    from wulian.duties.models import Duty

    out = []
    for t in _duties(world):
        duty = Duty.objects.get(pk=t.kwargs["pk"])
        out.append(Target({"assignment": duty.assignment}, area=t.area, org=t.org))
    return out


def _evidence(world) -> list[Target]:
    from django.core.files.base import ContentFile

    from wulian.duties.models import Duty, ProgressReport

    out = []
    for t in _duties(world):
        duty = Duty.objects.get(pk=t.kwargs["pk"])
        report = ProgressReport(duty=duty, text="佐证")
        report.evidence.save("evidence.txt", ContentFile(b"ok"), save=True)
        out.append(Target({"pk": report.pk}, area=t.area, org=t.org))
    return out


def _holidays(world) -> list[Target]:
    from wulian.duties.models import Holiday

    return [Target({"pk": Holiday.objects.get(date=dt.date(2026, 1, 1)).pk})]


CASES = [
    UrlCase("duties:index", action="duty.view", expect=200),
    UrlCase("duties:export", action="duty.export", expect=200),
    UrlCase("duties:import", action="duty.import", expect=200),
    UrlCase("duties:import_template", action="duty.import", expect=200),
    UrlCase("duties:assign", action="duty.assign", expect=200),
    UrlCase(
        "duties:assign",
        action="duty.assign",
        method="post",
        data=lambda w: {"title": ""},
        expect=200,
    ),
    UrlCase("duties:assignment", action="duty.view", targets=_assignments, expect=200),
    UrlCase("duties:detail", action="duty.view", targets=_duties, expect=200),
    UrlCase(
        "duties:report",
        action="duty.report",
        method="post",
        targets=_duties,
        data=lambda w: {"text": ""},
        expect=400,
    ),
    UrlCase("duties:evidence", action="duty.view", targets=_evidence, expect=200),
    UrlCase("duties:lists", action="duty.view", expect=200),
    UrlCase("duties:list_create", action="duty.create", expect=200),
    UrlCase("duties:list_detail", action="duty.view", targets=_lists, expect=200),
    UrlCase("duties:list_export", action="duty.export", targets=_lists, expect=200),
    UrlCase("duties:duty_create", action="duty.create", targets=_lists, expect=200),
    UrlCase("duties:holidays", action="holiday.view", expect=200),
    UrlCase("duties:holiday_create", action="holiday.manage", expect=200),
    UrlCase("duties:holiday_confirm", action="holiday.manage", expect=200),
    UrlCase(
        "duties:holiday_confirm",
        action="holiday.manage",
        method="post",
        data=lambda w: {"year": 2027, "note": ""},
        expect=400,
    ),
    UrlCase("duties:holiday_edit", action="holiday.manage", targets=_holidays, expect=200),
    UrlCase(
        "duties:holiday_delete",
        action="holiday.manage",
        method="post",
        targets=_holidays,
        expect=302,
    ),
    UrlCase("api:duty_lists", action="duty.view", api=True, expect=200),
    UrlCase(
        "api:duty_list_create",
        action="duty.create",
        api=True,
        method="post",
        data=lambda w: {"org": 999_999_999, "year": 2026, "kind": "task"},
    ),
    UrlCase("api:duties", action="duty.view", api=True, expect=200),
    UrlCase("api:duty_detail", action="duty.view", api=True, targets=_duties, expect=200),
    UrlCase(
        "api:duty_create",
        action="duty.create",
        api=True,
        method="post",
        targets=_lists,
        data=lambda w: {"title": "", "due_on": "2026-12-31"},
        expect=422,
    ),
    UrlCase(
        "api:duty_assign",
        action="duty.assign",
        api=True,
        method="post",
        data=lambda w: {"kind": "task", "targets": [], "title": "x", "due_on": "2026-12-31"},
        expect=422,
    ),
    UrlCase(
        "api:duty_report",
        action="duty.report",
        api=True,
        method="post",
        targets=_duties,
        data=lambda w: {"text": ""},
        expect=422,
        refused=_not_taking_part,
    ),
    UrlCase("api:duty_holidays", action="holiday.view", api=True, expect=200),
    UrlCase(
        "api:duty_holiday_create",
        action="holiday.manage",
        api=True,
        method="post",
        data=lambda w: {"date": "2026-01-01", "name": "元旦"},
        expect=422,
    ),
    UrlCase(
        "api:duty_holiday_confirm",
        action="holiday.manage",
        api=True,
        method="post",
        data=lambda w: {"year": 2027, "note": ""},
        expect=422,
    ),
    UrlCase(
        "api:duty_holiday_update",
        action="holiday.manage",
        api=True,
        method="put",
        targets=_holidays,
        data=lambda w: {"date": "2026-01-01", "name": ""},
        expect=422,
    ),
    UrlCase(
        "api:duty_holiday_delete",
        action="holiday.manage",
        api=True,
        method="delete",
        targets=_holidays,
        expect=204,
    ),
]
