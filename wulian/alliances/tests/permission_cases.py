"""The permission matrix's rows for alliances, part-time committee members and the party-body page.

Targets: 西华门社区's 党建文博联盟 and 清源社区's 法律服务联盟; part-time members 张敏 (四川省图书馆 on
西华门社区党委) and 王建国 (华西医院 on 黉门街社区党委: the unit contact's own unit)."""

from wulian.web.testing import Target, UrlCase


def _alliances(world) -> list[Target]:
    from wulian.alliances.models import Alliance

    return [
        Target({"pk": a.pk}, area=a.area)
        for a in Alliance.objects.select_related("area").order_by("pk")[:2]
    ]


def _members(world) -> list[Target]:
    from wulian.alliances.models import PartTimeMember

    rows = PartTimeMember.objects.filter(person__name__in=["张敏", "王建国"]).select_related(
        "area", "unit"
    )
    return [Target({"pk": m.pk}, area=m.area, org=m.unit) for m in rows]


def _post(name, action, targets, expect=302):
    return UrlCase(
        name, action=action, method="post", targets=targets, data=lambda w: {}, expect=expect
    )


CASES = [
    UrlCase("alliances:list", action="alliance.view", expect=200),
    UrlCase("alliances:create", action="alliance.create", expect=200),
    UrlCase(
        "alliances:create",
        action="alliance.create",
        method="post",
        data=lambda w: {"name": ""},
        expect=200,
    ),
    UrlCase("alliances:export", action="alliance.export", expect=200),
    UrlCase("alliances:detail", action="alliance.view", targets=_alliances, expect=200),
    _post("alliances:member_add", "alliance.manage", _alliances),
    UrlCase("alliances:activity_create", action="alliance.manage", targets=_alliances, expect=200),
    _post("alliances:activity_create", "alliance.manage", _alliances, expect=200),
    UrlCase("alliances:member_list", action="part_time.view", expect=200),
    UrlCase("alliances:member_create", action="part_time.create", expect=200),
    UrlCase(
        "alliances:member_create",
        action="part_time.create",
        method="post",
        data=lambda w: {},
        expect=200,
    ),
    UrlCase("alliances:member_export", action="part_time.export", expect=200),
    UrlCase("alliances:member_detail", action="part_time.view", targets=_members, expect=200),
    _post("alliances:member_renew", "part_time.update", _members),
    _post("alliances:member_activity", "part_time.record_activity", _members),
    UrlCase("alliances:bodies", action="alliance.view", expect=200),
    # API
    UrlCase("api:alliances_list", action="alliance.view", api=True, expect=200),
    UrlCase(
        "api:alliances_detail", action="alliance.view", api=True, targets=_alliances, expect=200
    ),
    UrlCase(
        "api:alliances_create",
        action="alliance.create",
        api=True,
        method="post",
        data=lambda w: {"name": "", "lead_org": w.orgs["xihuamen"].pk},
        expect=422,
    ),
    UrlCase(
        "api:alliances_activity_create",
        action="alliance.manage",
        api=True,
        method="post",
        targets=_alliances,
        data=lambda w: {"kind": "co_building", "title": "", "held_on": "2025-01-01"},
        expect=422,
    ),
    UrlCase(
        "api:alliances_member_add",
        action="alliance.manage",
        api=True,
        method="post",
        targets=_alliances,
        data=lambda w: {"org": 999_999_999},
        expect=422,
    ),
    UrlCase(
        "api:alliances_part_time_renew",
        action="part_time.update",
        api=True,
        method="post",
        targets=_members,
        data=lambda w: {"term_start": "2027-01-01", "term_end": "2026-01-01"},
        expect=422,
    ),
    UrlCase("api:alliances_part_time_list", action="part_time.view", api=True, expect=200),
    UrlCase(
        "api:alliances_part_time_detail",
        action="part_time.view",
        api=True,
        targets=_members,
        expect=200,
    ),
    UrlCase(
        "api:alliances_part_time_create",
        action="part_time.create",
        api=True,
        method="post",
        data=lambda w: {
            "person": 999_999_999,
            "unit": 999_999_999,
            "committee": 999_999_999,
            "post": "",
            "term_start": "2025-01-01",
            "term_end": "2026-01-01",
        },
        expect=422,
    ),
    UrlCase(
        "api:alliances_led_activity_create",
        action="part_time.record_activity",
        api=True,
        method="post",
        targets=_members,
        data=lambda w: {"title": "", "held_on": "2025-01-01"},
        expect=422,
    ),
]
