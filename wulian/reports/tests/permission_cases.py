"""The permission matrix's rows for resident reports. Targets (demo): 李秀英's report in 黉门街社区
(with a photo; ``resident_demo``) and 孙华's in 清源社区 (no login), routed to 清源物业."""

from wulian.reports.models import Report
from wulian.web.testing import Target, UrlCase


def _reports(world) -> list[Report]:
    return list(
        Report.objects.select_related("area", "reporter").filter(
            description__in=[
                "黉门街52号院门口垃圾桶满溢，已经两天没人清运。",
                "清源小区消防通道晚上常被私家车占用。",
            ]
        )
    )


def _staff_targets(world) -> list[Target]:
    # Staff over its area, and the unit or department line it was routed to (visible_reports).
    return [Target({"pk": r.pk}, area=r.area, org=r.routed_to) for r in _reports(world)]


def _own_targets(world) -> list[Target]:
    return [Target({"pk": r.pk}, person=r.reporter) for r in _reports(world)]


def _photo(world) -> list[Target]:
    report = next(r for r in _reports(world) if r.photos.exists())
    return [
        Target(
            {"pk": report.pk, "photo_pk": report.photos.first().pk},
            area=report.area,
            org=report.routed_to,
        )
    ]


def _own_photo(world) -> list[Target]:
    report = next(r for r in _reports(world) if r.photos.exists())
    return [Target({"pk": report.pk, "photo_pk": report.photos.first().pk}, person=report.reporter)]


CASES = [
    UrlCase("reports:list", action="report.view", expect=200),
    UrlCase("reports:new", action="report.submit", expect=200),
    UrlCase(
        "reports:new",
        action="report.submit",
        method="post",
        data=lambda w: {"description": ""},
        expect=400,
    ),
    UrlCase("reports:mine_list", action="report.follow", expect=200),
    UrlCase("reports:mine_detail", action="report.follow", targets=_own_targets, expect=200),
    UrlCase(
        "reports:mine_answer",
        action="report.follow",
        method="post",
        targets=_own_targets,
        data=lambda w: {},
    ),
    UrlCase("reports:mine_photo", action="report.follow", targets=_own_photo, expect=200),
    UrlCase("reports:detail", action="report.view", targets=_staff_targets, expect=200),
    UrlCase("reports:photo", action="report.view", targets=_photo, expect=200),
    UrlCase(
        "reports:duplicate",
        action="report.triage",
        method="post",
        targets=_staff_targets,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase(
        "reports:route",
        action="report.triage",
        method="post",
        targets=_staff_targets,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase("reports:to_case", action="report.triage", method="post", targets=_staff_targets),
    UrlCase(
        "reports:to_agenda",
        action="report.triage",
        method="post",
        targets=_staff_targets,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase(
        "reports:handle",
        action="report.handle",
        method="post",
        targets=_staff_targets,
        data=lambda w: {},
        expect=400,
    ),
]
