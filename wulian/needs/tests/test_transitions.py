"""Every transition of a need through its service, and every refused one leaving nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.needs import services
from wulian.needs.models import TRANSITIONS, CompensationEntry, Need, Rating, State
from wulian.needs.tests.helpers import claimed_hours_ago, huaxi, post, post_in_xihuamen, state_of
from wulian.notifications.models import Notification
from wulian.web.demo import HONGMENJIE

pytestmark = pytest.mark.django_db


def _claimed(world):
    need = post(world)
    return services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))


def test_transition_table_lists_every_verb_once():
    assert sorted(TRANSITIONS) == [
        "cancel",
        "claim",
        "confirm",
        "expire",
        "fulfil",
        "reject",
        "release",
        "start",
    ]
    assert TRANSITIONS["release"] == (frozenset({State.CLAIMED, State.IN_SERVICE}), State.POSTED)


def test_posted_need_is_on_the_menu_with_its_community_street_and_district(world):
    need = post(world)
    assert (need.state, need.posted_by, need.posted_on_behalf_by) == (
        State.POSTED,
        world.people["li_xiuying"],
        None,
    )
    assert (need.community.code, need.street.code, need.district.code) == (
        HONGMENJIE,
        "510107005000",
        "510107000000",
    )
    assert AuditEntry.objects.filter(action="need.post", object_id=str(need.pk)).count() == 1


def test_staff_posting_for_a_resident_is_recorded_as_on_behalf(world):
    need = post_in_xihuamen(world)
    assert (need.posted_by, need.posted_on_behalf_by) == (
        world.people["zhao_qiang"],
        world.users["xihuamen_staff"],
    )


def test_staff_cannot_post_for_a_resident_outside_their_area(world):
    before = Need.objects.count()
    with pytest.raises(PermissionDenied):
        services.post_need(
            by=world.users["xihuamen_staff"],
            for_person=world.people["li_xiuying"],
            title="x",
            category="health",
            description="y",
        )
    assert Need.objects.count() == before


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("title", {"title": "  "}, "请填写标题。"),
        ("category", {"category": "nonsense"}, "请选择需求类别。"),
        ("description", {"description": ""}, "请填写需求描述。"),
    ],
)
def test_bad_post_names_the_field_and_writes_nothing(world, field, data, message):
    before = (Need.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        post(world, **data)
    assert exc.value.message_dict == {field: [message]}
    assert (Need.objects.count(), AuditEntry.objects.count()) == before


def test_resident_cannot_post_for_another_community(world):
    before = Need.objects.count()
    with pytest.raises(ValidationError) as exc:
        post(world, area=world.areas["510105003003"])
    assert list(exc.value.message_dict) == ["area"]
    assert Need.objects.count() == before


def test_full_path_claim_start_fulfil_confirm_credits_the_ledger(world):
    need = _claimed(world)
    huaxi_user, resident = world.users["huaxi_contact"], world.users["resident_demo"]
    assert (need.state, need.provider_org, need.provider_person, need.claimed_by_user) == (
        State.CLAIMED,
        world.orgs["huaxi"],
        None,
        huaxi_user,
    )
    services.start_service(need=need, by=huaxi_user)
    assert need.state == State.IN_SERVICE
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=huaxi_user, note="已送药上门。", hours="2.5")
    assert (need.state, need.evidence_note, str(need.hours_spent)) == (
        State.DONE,
        "已送药上门。",
        "2.5",
    )
    services.confirm_need(need=need, by=resident, score=4, comment="很好")
    assert need.state == State.CONFIRMED
    assert list(need.ratings.values_list("side", "score", "comment")) == [("resident", 4, "很好")]
    entry = CompensationEntry.objects.get(need=need)
    assert (entry.org, entry.person, str(entry.hours), entry.points) == (
        world.orgs["huaxi"],
        None,
        "2.5",
        25,
    )
    actions = list(
        AuditEntry.objects.filter(object_type="needs.need", object_id=str(need.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["need.post", "need.claim", "need.start", "need.fulfil", "need.confirm"]


def test_member_claims_as_registered_party_member_and_is_credited_with_their_unit(world):
    need = post(world)
    member = world.users["member_demo"]
    services.claim_need(need=need, by=member)
    assert (need.provider_org, need.provider_person) == (None, world.people["wang_jianguo"])
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=member, note="上门服务", hours=1)
    services.confirm_need(need=need, by=world.users["resident_demo"], score=5)
    entry = CompensationEntry.objects.get(need=need)
    assert (entry.person, entry.org, entry.points) == (
        world.people["wang_jianguo"],
        world.orgs["huaxi"],
        10,
    )


def test_claim_notifies_the_resident_on_commit(world, django_capture_on_commit_callbacks):
    need = post(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
    assert list(
        Notification.objects.filter(
            user=world.users["resident_demo"], kind="need.claimed", url__contains=f"/{need.pk}/"
        ).values_list("title", flat=True)
    ) == ["您的需求“帮忙取药”已被接单"]


def test_release_returns_the_need_to_the_menu_with_the_reason(world):
    need = _claimed(world)
    services.release_need(need=need, by=world.users["huaxi_contact"], reason="人手不足")
    assert (need.state, need.provider_org, need.release_reason, need.release_count) == (
        State.POSTED,
        None,
        "人手不足",
        1,
    )
    again = services.claim_need(need=need, by=world.users["member_demo"])
    assert again.provider_person == world.people["wang_jianguo"]


def test_resident_cancels_their_posted_need(world):
    need = post(world)
    services.cancel_need(need=need, by=world.users["resident_demo"], reason="已自行解决")
    assert (need.state, need.cancel_reason) == (State.CANCELLED, "已自行解决")


def _refused(need, call, message, field="need"):
    before = state_of(need)
    with pytest.raises(ValidationError) as exc:
        call()
    assert exc.value.message_dict == {field: [message]}
    assert state_of(need) == before


def _denied(need, call, message):
    """Refused as a matter of rights (``rules.can_<verb>``: 403), not of input; nothing changes."""
    before = state_of(need)
    with pytest.raises(PermissionDenied) as exc:
        call()
    assert str(exc.value) == message
    assert state_of(need) == before


def test_claiming_ones_own_need_is_refused(world):
    need = post(world, by="member_demo", title="自己的需求")
    _refused(
        need,
        lambda: services.claim_need(need=need, by=world.users["member_demo"]),
        "不能认领自己发布的需求。",
    )


def test_claiming_a_claimed_need_is_refused(world):
    need = _claimed(world)
    _refused(
        need,
        lambda: services.claim_need(need=need, by=world.users["member_demo"]),
        "该需求已被他人接单。",
    )


def test_claiming_a_cancelled_need_is_refused(world):
    need = post(world)
    services.cancel_need(need=need, by=world.users["resident_demo"])
    _refused(
        need,
        lambda: services.claim_need(need=need, by=world.users["huaxi_contact"]),
        "该需求已取消，不能接单。",
    )


def test_claiming_outside_ones_street_is_refused(world):
    need = post_in_xihuamen(world)
    _refused(
        need,
        lambda: services.claim_need(need=need, by=world.users["huaxi_contact"]),
        "该需求不在您的服务范围内。",
    )
    _refused(
        need,
        lambda: services.claim_need(
            need=need, by=world.users["huaxi_contact"], provider=huaxi(world)
        ),
        "“四川大学华西医院”不在该需求的服务范围内。",
        field="provider",
    )


def test_residents_and_staff_may_not_claim(world):
    need = post(world)
    before = state_of(need)
    for user in ("resident_demo", "city_admin"):
        with pytest.raises(PermissionDenied):
            services.claim_need(need=need, by=world.users[user])
    assert state_of(need) == before


def test_only_the_holder_may_start_fulfil_or_release(world):
    need = services.claim_need(need=post(world), by=world.users["member_demo"])
    huaxi_user = world.users["huaxi_contact"]
    _denied(
        need, lambda: services.start_service(need=need, by=huaxi_user), "只有接单方可以开始服务。"
    )
    _denied(
        need,
        lambda: services.fulfil_need(need=need, by=huaxi_user, note="x", hours=1),
        "只有接单方可以标记完成。",
    )
    _denied(
        need,
        lambda: services.release_need(need=need, by=huaxi_user, reason="x"),
        "只有接单方可以退单。",
    )


@pytest.mark.parametrize("verb", ["start", "fulfil", "release", "confirm"])
def test_transitions_from_posted_other_than_claim_and_cancel_are_refused(world, verb):
    need = post(world)
    calls = {
        "start": lambda: services.start_service(need=need, by=world.users["huaxi_contact"]),
        "fulfil": lambda: services.fulfil_need(need=need, by=None, note="x", hours=1),
        "release": lambda: services.release_need(need=need, by=None, reason="x"),
        "confirm": lambda: services.confirm_need(
            need=need, by=world.users["resident_demo"], score=5
        ),
    }
    messages = {
        "start": "只有接单方可以开始服务。",
        "fulfil": "该需求当前状态为“待接单”，不能标记完成。",
        "release": "该需求当前状态为“待接单”，不能退单。",
        "confirm": "该需求当前状态为“待接单”，不能确认完成。",
    }
    (_denied if verb == "start" else _refused)(need, calls[verb], messages[verb])


def test_done_need_cannot_be_cancelled_or_released(world):
    need = _claimed(world)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=1)
    _refused(
        need,
        lambda: services.cancel_need(need=need, by=world.users["resident_demo"]),
        "该需求当前状态为“已完成”，不能取消。",
    )
    _refused(
        need,
        lambda: services.release_need(need=need, by=world.users["huaxi_contact"], reason="x"),
        "该需求当前状态为“已完成”，不能退单。",
    )


def test_fulfil_needs_a_note_and_positive_hours(world):
    need = _claimed(world)
    by = world.users["huaxi_contact"]
    _refused(
        need,
        lambda: services.fulfil_need(need=need, by=by, note="", hours=1),
        "请填写服务记录。",
        field="note",
    )
    _refused(
        need,
        lambda: services.fulfil_need(need=need, by=by, note="x", hours=0),
        "服务时长应大于0小时。",
        field="hours",
    )
    _refused(
        need,
        lambda: services.fulfil_need(need=need, by=by, note="x", hours="abc"),
        "服务时长应为数字（小时）。",
        field="hours",
    )


def test_release_needs_a_reason(world):
    need = _claimed(world)
    _refused(
        need,
        lambda: services.release_need(need=need, by=world.users["huaxi_contact"], reason=" "),
        "请填写退单原因。",
        field="reason",
    )


def test_only_the_poster_confirms(world):
    need = _claimed(world)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=1)
    _denied(
        need,
        lambda: services.confirm_need(need=need, by=world.users["member_demo"], score=5),
        "只能确认自己发布的需求。",
    )
    _refused(
        need,
        lambda: services.confirm_need(need=need, by=world.users["resident_demo"], score=6),
        "评分应为1到5之间（当前6）。",
        field="score",
    )


def test_another_resident_cannot_cancel(world):
    need = post_in_xihuamen(world)
    _denied(
        need,
        lambda: services.cancel_need(need=need, by=world.users["resident_demo"]),
        "只能取消自己发布的需求。",
    )


def test_rating_is_one_per_side(world):
    need = _claimed(world)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=1)
    services.rate_need(need=need, by=world.users["huaxi_contact"], score=4, comment="描述清楚")
    _refused(
        need,
        lambda: services.rate_need(need=need, by=world.users["huaxi_contact"], score=5),
        "您已评价过该需求，不能重复评价。",
    )
    services.confirm_need(need=need, by=world.users["resident_demo"], score=5)
    _refused(
        need,
        lambda: services.rate_need(need=need, by=world.users["resident_demo"], score=5),
        "您已评价过该需求，不能重复评价。",
    )
    assert sorted(Rating.objects.filter(need=need).values_list("side", "score")) == [
        ("provider", 4),
        ("resident", 5),
    ]


def test_rating_someone_elses_need_is_refused(world):
    need = _claimed(world)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=1)
    _denied(
        need,
        lambda: services.rate_need(need=need, by=world.users["member_demo"], score=1),
        "不能评价他人的需求。",
    )
