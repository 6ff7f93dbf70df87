"""The permission matrix's rows for 党建活动: pages and API. Targets (demo): 成都博物馆's 坝坝党课 in
西华门社区 and 华西医院's 志愿服务 in 黉门街社区 (seen by their organiser's unit contact too)."""

from wulian.activities.models import Activity
from wulian.web.demo import XIHUAMEN
from wulian.web.testing import Target, UrlCase

TITLES = ["“文博里的党史”坝坝党课", "华西医院专家进社区义诊"]


def _activities(world) -> list[Activity]:
    return list(
        Activity.objects.select_related("area", "organiser").filter(title__in=TITLES).order_by("pk")
    )


def _seen(world) -> list[Target]:
    return [Target({"pk": a.pk}, area=a.area, org=a.organiser) for a in _activities(world)]


def _run(world) -> list[Target]:
    """Running an activity stays with the staff of its area."""
    return [Target({"pk": a.pk}, area=a.area) for a in _activities(world)]


def _token(world) -> list[Target]:
    from wulian.activities.services import checkin_token

    return [Target({"token": checkin_token(_activities(world)[0])})]


def _organiser(world) -> int:
    return world.orgs["museum"].pk


CASES = [
    UrlCase("activities:list", action="activity.view", expect=200),
    UrlCase("activities:export", action="activity.export", expect=200),
    UrlCase("activities:create", action="activity.create", expect=200),
    UrlCase(
        "activities:create",
        action="activity.create",
        method="post",
        data=lambda w: {"title": ""},
        expect=200,
    ),
    UrlCase("activities:detail", action="activity.view", targets=_seen, expect=200),
    UrlCase("activities:edit", action="activity.update", targets=_run, expect=200),
    UrlCase(
        "activities:signin_add",
        action="activity.update",
        method="post",
        targets=_run,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase("activities:qr", action="activity.update", targets=_run, expect=200),
    UrlCase("activities:checkin", action="activity.checkin", targets=_token, expect=200),
    UrlCase("api:activity_list", action="activity.view", api=True, expect=200),
    UrlCase(
        "api:activity_create",
        action="activity.create",
        api=True,
        method="post",
        data=lambda w: {
            "kind": "party_class",
            "title": "",
            "organiser": _organiser(w),
            "area": XIHUAMEN,
            "place": "",
            "starts_at": "2026-05-01T14:00:00+08:00",
            "ends_at": "2026-05-01T16:00:00+08:00",
        },
        expect=422,
    ),
    UrlCase("api:activity_detail", action="activity.view", api=True, targets=_seen, expect=200),
    UrlCase(
        "api:activity_update",
        action="activity.update",
        api=True,
        method="put",
        targets=_run,
        data=lambda w: {
            "kind": "party_class",
            "title": "",
            "organiser": _organiser(w),
            "place": "",
            "starts_at": "2026-05-01T14:00:00+08:00",
            "ends_at": "2026-05-01T16:00:00+08:00",
        },
        expect=422,
    ),
    UrlCase("api:activity_signins", action="activity.view", api=True, targets=_seen, expect=200),
    UrlCase(
        "api:activity_signin_add",
        action="activity.update",
        api=True,
        method="post",
        targets=_run,
        data=lambda w: {"name": ""},
        expect=422,
    ),
    UrlCase(
        "api:activity_checkin",
        action="activity.checkin",
        api=True,
        method="post",
        data=lambda w: {"token": "bad"},
        expect=422,
    ),
]
