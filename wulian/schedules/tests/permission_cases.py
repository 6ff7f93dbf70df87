"""The permission matrix's rows for 一月一现场会 / 一季一督导. Targets (demo): 西御河街道's monthly
on-site meeting schedule and 青羊区's quarterly inspection schedule."""

from wulian.schedules.models import Schedule
from wulian.web.demo import XIYUHE
from wulian.web.testing import Target, UrlCase


def _schedules(world) -> list[Target]:
    return [
        Target({"pk": s.pk}, area=s.area)
        for s in Schedule.objects.select_related("area").order_by("pk")
    ]


CASES = [
    UrlCase("schedules:list", action="schedule.view", expect=200),
    UrlCase("schedules:create", action="schedule.manage", expect=200),
    UrlCase(
        "schedules:create",
        action="schedule.manage",
        method="post",
        data=lambda w: {"area": ""},
        expect=200,
    ),
    UrlCase("schedules:detail", action="schedule.view", targets=_schedules, expect=200),
    UrlCase("schedules:edit", action="schedule.manage", targets=_schedules, expect=200),
    UrlCase("schedules:occurrences", action="schedule.view", expect=200),
    UrlCase("schedules:occurrence_export", action="schedule.export", expect=200),
    UrlCase("api:schedule_list", action="schedule.view", api=True, expect=200),
    UrlCase(
        "api:schedule_create",
        action="schedule.manage",
        api=True,
        method="post",
        data=lambda w: {"area": XIYUHE, "kind": "onsite_meeting", "day": 40},
        expect=422,
    ),
    UrlCase(
        "api:schedule_detail", action="schedule.view", api=True, targets=_schedules, expect=200
    ),
    UrlCase(
        "api:schedule_update",
        action="schedule.manage",
        api=True,
        method="put",
        targets=_schedules,
        data=lambda w: {"day": 40},
        expect=422,
    ),
    UrlCase("api:occurrence_list", action="schedule.view", api=True, expect=200),
]
