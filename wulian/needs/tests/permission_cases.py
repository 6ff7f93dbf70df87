"""The permission matrix's rows for the needs menu: pages and API.

Targets (the demo): the need 华西医院 served for 李秀英 in 黉门街社区 (confirmed, rated both
ways), and a need posted by 西华门社区 staff for 赵强 (代办). The open need in 黉门街社区 is on
the menu of both 华西医院 and 王建国 (registered there), so the claim cases give it as an
unscoped target: every role allowed to claim may reach it."""

from wulian.needs.models import CommunityRegistration, Need, Rating, Side, State
from wulian.web.testing import Target, UrlCase


def _served(world) -> Need:
    return Need.objects.get(title="陪同老人到医院复诊", posted_by=world.people["li_xiuying"])


def _needs(world) -> list[Target]:
    served = _served(world)
    lamp = Need.objects.get(title="楼道灯坏了需要维修")
    return [
        Target(
            {"pk": served.pk},
            area=served.area,
            org=world.orgs["huaxi"],
            person=world.people["li_xiuying"],
        ),
        Target({"pk": lamp.pk}, area=lamp.area, person=world.people["zhao_qiang"]),
    ]


# Stated as data, not by the rules under test (``rules.can_serve``, ``can_confirm``, ``can_rate``):
# who is refused (403, over the API before the body is read) though the action and scope allow.


def _not_holder(user, target: Target) -> bool:
    """Serving a need (start, done, give back, call): only the provider who took it."""
    from wulian.accounts.models import Role

    need = Need.objects.get(pk=target.kwargs["pk"])
    if need.provider_org_id:
        return not Role.objects.filter(user=user, org_id=need.provider_org_id).exists()
    return need.provider_person_id is None or user.person_id != need.provider_person_id


def _not_poster(user, target: Target) -> bool:
    """Confirming a need: only the resident who posted it."""
    return (
        user.person_id is None
        or user.person_id != Need.objects.get(pk=target.kwargs["pk"]).posted_by_id
    )


def _neither_side(user, target: Target) -> bool:
    """Rating a need: the resident who posted it or the provider who took it."""
    return _not_poster(user, target) and _not_holder(user, target)


def _not_for_poster(user, target: Target) -> bool:
    """Cancelling a need: the resident who posted it, the staff who posted it for them (代办), or
    staff of an area role over it."""
    from wulian.accounts.models import Role
    from wulian.accounts.rules import STAFF

    need = Need.objects.select_related("area").get(pk=target.kwargs["pk"])
    if (user.person_id and user.person_id == need.posted_by_id) or (
        need.posted_on_behalf_by_id == user.pk
    ):
        return False
    staff_paths = Role.objects.filter(user=user, kind__in=STAFF).values_list(
        "org__area__path", flat=True
    )
    return not any(need.area.path.startswith(path) for path in staff_paths)


def _not_in_contact(user, target: Target) -> bool:
    """Writing on a need: as for cancelling, or the provider holding it."""
    return _not_for_poster(user, target) and _not_holder(user, target)


def _needs_detail(world) -> list[Target]:
    """As ``_needs``; a need no longer on the menu also opens (as a short page) for the providers
    it was offered to: party members registered in its community, units of its street."""
    from dataclasses import replace

    from wulian.orgs.models import Org

    out = []
    for target in _needs(world):
        need = Need.objects.select_related("community", "street").get(pk=target.kwargs["pk"])
        if need.state != State.POSTED:
            people = tuple(
                r.person
                for r in CommunityRegistration.objects.filter(
                    community=need.community, active=True
                ).select_related("person")
            )
            units = (
                tuple(Org.objects.units().filter(area__path__startswith=need.street.path))
                if need.street_id
                else ()
            )
            target = replace(target, offered_people=people, offered_units=units)
        out.append(target)
    return out


def _area_needs(world) -> list[Target]:
    """The staff-only reach (the community's decision after the resident's deadline)."""
    served = _served(world)
    return [Target({"pk": served.pk}, area=served.area)]


def _claimable(world) -> list[Target]:
    open_need = Need.objects.get(title="上门测量血压并讲解用药", state=State.POSTED)
    lamp = Need.objects.get(title="楼道灯坏了需要维修")
    return [
        Target({"pk": open_need.pk}),
        Target({"pk": lamp.pk}, area=lamp.area, person=world.people["zhao_qiang"]),
    ]


def _photo(world) -> list[Target]:
    served = _served(world)
    photo = served.photos.get()
    return [
        Target(
            {"pk": served.pk, "photo_pk": photo.pk},
            area=served.area,
            org=world.orgs["huaxi"],
            person=world.people["li_xiuying"],
        )
    ]


def _ratings(world) -> list[Target]:
    served = _served(world)
    resident = Rating.objects.get(need=served, side=Side.RESIDENT)
    provider = Rating.objects.get(need=served, side=Side.PROVIDER)
    # A rating is reachable by its author only.
    return [
        Target({"pk": resident.pk}, person=world.people["li_xiuying"]),
        Target({"pk": provider.pk}, org=world.orgs["huaxi"]),
    ]


def _registration(world) -> list[Target]:
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    return [Target({"pk": reg.pk}, person=world.people["wang_jianguo"])]


CASES = [
    # residents
    UrlCase("needs:mine", action="need.post", expect=200),
    UrlCase("needs:post", action="need.post", expect=200),
    UrlCase(
        "needs:post", action="need.post", method="post", data=lambda w: {"title": ""}, expect=200
    ),
    UrlCase("needs:detail", action="need.view", targets=_needs_detail, expect=200),
    UrlCase(
        "needs:confirm", action="need.confirm", method="post", targets=_needs, data=lambda w: {}
    ),
    UrlCase(
        "needs:cancel",
        action="need.cancel",
        method="post",
        targets=_needs,
        expect=302,
        refused=_not_for_poster,
    ),
    UrlCase("needs:photo", action="need.view", targets=_photo, expect=200),
    UrlCase(
        "needs:message",
        action="need.message",
        method="post",
        targets=_needs,
        data=lambda w: {},
        expect=400,
        refused=_not_in_contact,
    ),
    # providers
    UrlCase("needs:menu", action="need.claim", expect=200),
    UrlCase("needs:claimed", action="need.claim", expect=200),
    UrlCase("needs:claim", action="need.claim", method="post", targets=_claimable, expect=302),
    UrlCase(
        "needs:start",
        action="need.serve",
        method="post",
        targets=_needs,
        expect=302,
        refused=_not_holder,
    ),
    UrlCase("needs:fulfil", action="need.serve", targets=_needs, expect=200, refused=_not_holder),
    UrlCase(
        "needs:fulfil",
        action="need.serve",
        method="post",
        targets=_needs,
        data=lambda w: {},
        expect=400,
        refused=_not_holder,
    ),
    UrlCase(
        "needs:release",
        action="need.serve",
        method="post",
        targets=_needs,
        expect=302,
        refused=_not_holder,
    ),
    UrlCase(
        "needs:call",
        action="need.serve",
        method="post",
        targets=_needs,
        expect=302,
        refused=_not_holder,
    ),
    UrlCase(
        "needs:rate",
        action="need.serve",
        method="post",
        targets=_needs,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase("needs:rating_edit", action="need.view", targets=_ratings, expect=200),
    UrlCase(
        "needs:rating_edit",
        action="need.view",
        method="post",
        targets=_ratings,
        data=lambda w: {},
        expect=200,
    ),
    # staff
    UrlCase("needs:list", action="need.list", expect=200),
    UrlCase("needs:export", action="need.export", expect=200),
    UrlCase("needs:post_for", action="need.post_on_behalf", expect=200),
    UrlCase(
        "needs:post_for", action="need.post_on_behalf", method="post", data=lambda w: {}, expect=200
    ),
    UrlCase("needs:registrations", action="need.list", expect=200),
    UrlCase(
        "needs:decide",
        action="need.decide",
        method="post",
        targets=_area_needs,
        data=lambda w: {},
        expect=400,
    ),
    # party members
    UrlCase("needs:register", action="need.register", expect=200),
    UrlCase("needs:register", action="need.register", method="post", data=lambda w: {}, expect=200),
    UrlCase(
        "needs:register_end",
        action="need.register",
        method="post",
        targets=_registration,
        expect=302,
    ),
    # ledger
    UrlCase("needs:ledger", action="compensation.view", expect=200),
    UrlCase("needs:ledger_correct", action="compensation.correct", expect=200),
    UrlCase(
        "needs:ledger_correct",
        action="compensation.correct",
        method="post",
        data=lambda w: {},
        expect=200,
    ),
    # API
    UrlCase("api:need_list", action="need.view", api=True, expect=200),
    UrlCase("api:need_menu", action="need.claim", api=True, expect=200),
    UrlCase("api:need_detail", action="need.view", api=True, targets=_needs, expect=200),
    UrlCase(
        "api:need_post",
        action="need.post",
        api=True,
        method="post",
        expect=422,
        data=lambda w: {"title": "", "category": "health", "description": "x"},
    ),
    UrlCase(
        "api:need_photo_add",
        action="need.add_photos",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {},
    ),
    UrlCase("api:need_photo", action="need.view", api=True, targets=_photo, expect=200),
    UrlCase(
        "api:need_claim",
        action="need.claim",
        api=True,
        method="post",
        targets=_claimable,
        expect=200,
        data=lambda w: {},
    ),
    UrlCase(
        "api:need_start",
        action="need.serve",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        refused=_not_holder,
    ),
    UrlCase(
        "api:need_fulfil",
        action="need.serve",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {"note": "", "hours": 1},
        refused=_not_holder,
    ),
    UrlCase(
        "api:need_release",
        action="need.serve",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {"reason": ""},
        refused=_not_holder,
    ),
    UrlCase(
        "api:need_cancel",
        action="need.cancel",
        api=True,
        method="post",
        targets=_needs,
        data=lambda w: {},
        refused=_not_for_poster,
    ),
    UrlCase(
        "api:need_confirm",
        action="need.confirm",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {"score": 9},
        refused=_not_poster,
    ),
    UrlCase("api:need_message_list", action="need.message", api=True, targets=_needs, expect=200),
    UrlCase(
        "api:need_message_post",
        action="need.message",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {"body": "谢谢"},
        refused=_not_in_contact,
    ),
    UrlCase(
        "api:need_call",
        action="need.serve",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        refused=_not_holder,
    ),
    UrlCase(
        "api:need_decide",
        action="need.decide",
        api=True,
        method="post",
        targets=_area_needs,
        expect=422,
        data=lambda w: {"accept": True},
    ),
    UrlCase(
        "api:need_rate",
        action="need.view",
        api=True,
        method="post",
        targets=_needs,
        expect=422,
        data=lambda w: {"score": 9},
        refused=_neither_side,
    ),
    UrlCase(
        "api:need_rating_update",
        action="need.view",
        api=True,
        method="patch",
        targets=_ratings,
        expect=422,
        data=lambda w: {"score": 9},
    ),
    UrlCase(
        "api:need_register",
        action="need.register",
        api=True,
        method="post",
        expect=422,
        data=lambda w: {"community": ""},
    ),
    UrlCase("api:need_ledger", action="compensation.view", api=True, expect=200),
    UrlCase("api:need_ledger_balance", action="compensation.view", api=True, expect=200),
    UrlCase(
        "api:need_ledger_correct",
        action="compensation.correct",
        api=True,
        method="post",
        expect=422,
        data=lambda w: {"reason": ""},
    ),
]
