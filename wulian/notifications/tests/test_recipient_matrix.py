"""Issue 10, part 1: who is told of what, for every notification kind.

Each registered kind is sent through the real service call(s) that send it in the demo world,
and the exact set of observers who receive it is asserted. The observers are every demo login
and users added here so that each role is present in and out of scope: a second resident of
黉门街社区 (resident there, like the demo resident), a party member of another unit (四川省图书馆),
a second unit contact in 黉门街社区 (疾控中心), a community staff member of 黉门街社区, and staff of
the street (玉林), district (武侯区) and city above it, and staff of the city's 卫生健康委员会 (the line
of 华西医院 and 疾控中心). A kind registered without a row here
fails ``test_every_registered_kind_has_a_row``.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Max
from django.utils import timezone

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import grant_role
from wulian.agreements import services as agreements
from wulian.agreements.models import Agreement, AgreementStatus
from wulian.alliances import services as alliances
from wulian.cases import services as cases
from wulian.core import counters
from wulian.councils import services as councils
from wulian.councils.models import Council
from wulian.dispatches import services as dispatches
from wulian.dispatches.models import Rectification
from wulian.duties import services as duties
from wulian.evaluations import services as evaluations
from wulian.evaluations.models import EvaluationRound, Side
from wulian.funds import services as funds
from wulian.funds.models import Fund
from wulian.meetings import services as meetings
from wulian.meetings.demo import TOPIC
from wulian.meetings.models import ActionItem, JointMeeting
from wulian.meetings.tests.factories import present
from wulian.needs import services as needs
from wulian.needs.models import Need
from wulian.notifications.kinds import KINDS
from wulian.notifications.models import Notification
from wulian.people.services import create_person
from wulian.resources import services as resources
from wulian.resources.models import Booking, BookingStatus, Resource
from wulian.web.demo import CITY, HONGMENJIE, LOGINS, XIHUAMEN

# username: (role, org key) of the users this file adds to the demo world.
EXTRA_USERS = {
    "resident_two": (RoleKind.RESIDENT, "hongmenjie"),  # 黄志明, a second resident of 黉门街社区
    "member_library": (RoleKind.PARTY_MEMBER, "library"),  # 张敏, party member of 四川省图书馆
    "cdc_contact": (RoleKind.UNIT_CONTACT, "cdc"),  # the other unit of 黉门街社区
    "hongmenjie_staff": (RoleKind.COMMUNITY_STAFF, "hongmenjie"),
    "yulin_staff": (RoleKind.STREET_STAFF, "yulin"),  # the street above 黉门街社区
    "wuhou_staff": (RoleKind.DISTRICT_STAFF, "wuhou_gc"),
    "city_staff": (RoleKind.CITY_STAFF, "city_gc"),
    "health_staff": (
        RoleKind.DEPARTMENT_STAFF,
        "dept_health",
    ),  # 条线: 华西医院 and 疾控中心's line
}
# The demo's own extra login (meetings/demo.py): a unit contact of a unit in 青羊区.
DEMO_EXTRA = ["qingyuan_pm_contact"]
OBSERVERS = [row[0] for row in LOGINS] + DEMO_EXTRA + list(EXTRA_USERS)


@dataclass
class W:
    orgs: dict[str, Any]
    areas: dict[str, Any]
    people: dict[str, Any]
    users: dict[str, User]
    today: dt.date


@pytest.fixture
def w(world) -> W:
    neighbour = create_person(
        by=None, name="黄志明", phone="13880002001", home_area=world.areas[HONGMENJIE]
    )
    people = {"resident_two": neighbour, "member_library": world.people["zhang_min"]}
    users = {u.username: u for u in User.objects.filter(username__in=OBSERVERS)}
    for username, (kind, org_key) in EXTRA_USERS.items():
        user = User.objects.create_user(
            username=username, password="x", person=people.get(username)
        )
        grant_role(user=user, kind=kind, org=world.orgs[org_key], by=None)
        users[username] = user
    assert sorted(users) == sorted(OBSERVERS)
    return W(
        orgs=world.orgs,
        areas=world.areas,
        people=world.people,
        users=users,
        today=timezone.localdate(),
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _next(weekday: int, after: dt.date) -> dt.date:
    return next(
        after + dt.timedelta(days=i)
        for i in range(1, 8)
        if (after + dt.timedelta(days=i)).weekday() == weekday
    )


# ------------------------------------------------------------------------------ meetings


def _hongmenjie_meeting(w: W, *, invite: bool = True, held: bool = False):
    start = (
        timezone.now() - dt.timedelta(hours=1) if held else _at(w.today + dt.timedelta(days=3), 14)
    )
    return meetings.convene_meeting(
        by=w.users["hongmenjie_admin"],
        area=w.areas[HONGMENJIE],
        topic="黉门街社区停车秩序联席会议",
        place="黉门街社区党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[w.orgs["huaxi"]] if invite else [],
        invite_people=[w.people["li_xiuying"]] if invite else [],
    )


def _action_item(w: W):
    """A 黉门街 meeting (started an hour ago) closed with one action item: 华西医院 leads, 疾控中心 helps."""
    meeting = _hongmenjie_meeting(w, invite=False, held=True)
    present(meeting)
    meetings.close_meeting(
        meeting=meeting,
        by=w.users["hongmenjie_admin"],
        host="黉门街社区党委书记",
        recorder="社区干事",
        minutes="研究共享停车秩序。",
        decisions=[
            {
                "text": "错峰开放停车位。",
                "action_items": [
                    {
                        "title": "公布错峰停车时段",
                        "lead_org": w.orgs["huaxi"],
                        "co_orgs": [w.orgs["cdc"]],
                        "responsible": "后勤保障部 刘明",
                        "due_on": w.today + dt.timedelta(days=7),
                        "done_criteria": "在社区公示栏公布",
                    }
                ],
            }
        ],
    )
    return meeting.decisions.get().action_items.get()


def meeting_invitation(w: W) -> None:
    _hongmenjie_meeting(w)


def meeting_rescheduled(w: W) -> None:
    meeting = _hongmenjie_meeting(w)
    meetings.reschedule_meeting(
        meeting=meeting,
        by=w.users["hongmenjie_admin"],
        starts_at=meeting.starts_at + dt.timedelta(days=1),
        ends_at=meeting.ends_at + dt.timedelta(days=1),
        reason="会议室另有安排",
    )


def meeting_cancelled(w: W) -> None:
    meeting = _hongmenjie_meeting(w)
    meetings.cancel_meeting(
        meeting=meeting, by=w.users["hongmenjie_admin"], reason="议题已协商解决"
    )


def meeting_answer(w: W) -> None:
    """华西医院 asks for leave from 黉门街社区's meeting: the convener's staff are told."""
    meeting = _hongmenjie_meeting(w)
    meetings.answer_invitation(
        invitation=meeting.invitations.get(org=w.orgs["huaxi"]),
        by=w.users["huaxi_contact"],
        response="leave",
        reason="院内同日有重大手术安排",
    )


def action_item_new(w: W) -> None:
    _action_item(w)


def action_item_done(w: W) -> None:
    meetings.mark_done(item=_action_item(w), by=w.users["huaxi_contact"], text="已公布。")


def action_item_accepted(w: W) -> None:
    item = meetings.mark_done(item=_action_item(w), by=w.users["huaxi_contact"], text="已公布。")
    meetings.accept_item(item=item, by=w.users["hongmenjie_admin"], note="核实到位。")


def action_item_returned(w: W) -> None:
    item = meetings.mark_done(item=_action_item(w), by=w.users["huaxi_contact"], text="已公布。")
    meetings.return_item(item=item, by=w.users["hongmenjie_admin"], reason="公示栏未见公告。")


def action_item_escalated(w: W) -> None:
    item = _action_item(w)
    counters.update(ActionItem.objects.filter(pk=item.pk), due_on=w.today - dt.timedelta(days=10))
    assert meetings.escalate_overdue(by=None) == [item.pk]


def decision_forwarded(w: W) -> None:
    """西御河街道's demo meeting forwards a decision down to 西华门社区's coming meeting."""
    source = JointMeeting.objects.get(topic=TOPIC)
    target = JointMeeting.objects.get(topic="西华门社区院落治理联席会议")
    meetings.forward_decision(
        decision=source.decisions.get(position=1), to_meeting=target, by=w.users["xiyuhe_admin"]
    )


# ---------------------------------------------------------------------------- agreements


def _revised_agreement(w: W):
    current = Agreement.objects.get(
        party_org=w.orgs["hongmenjie"], unit=w.orgs["huaxi"], status=AgreementStatus.IN_FORCE
    )
    draft = agreements.revise_agreement(agreement=current, by=w.users["hongmenjie_admin"])
    return agreements.submit_agreement(agreement=draft, by=w.users["hongmenjie_admin"])


def agreement_submitted(w: W) -> None:
    _revised_agreement(w)


def agreement_in_force(w: W) -> None:
    agreement = _revised_agreement(w)
    agreements.confirm_agreement(agreement=agreement, by=w.users["hongmenjie_admin"])
    agreements.confirm_agreement(agreement=agreement, by=w.users["huaxi_contact"])


# ----------------------------------------------------------------------------- bookings


def _demo_booking(w: W, kind: str, person: str):
    return Booking.objects.get(resource__kind=kind, person=w.people[person])


def booking_pending(w: W) -> None:
    clinic = Resource.objects.get(org=w.orgs["huaxi"], kind="clinic")
    day = _next(2, w.today)  # the clinic opens on Wednesdays and Saturdays
    resources.book_resource(
        resource=clinic, by=w.users["resident_demo"], start=_at(day, 9, 30), end=_at(day, 10)
    )


def booking_approved(w: W) -> None:
    resources.approve_booking(
        booking=_demo_booking(w, "clinic", "li_xiuying"), by=w.users["huaxi_contact"]
    )


def booking_rejected(w: W) -> None:
    """张敏's request for the library's hall is refused."""
    resources.reject_booking(
        booking=_demo_booking(w, "venue", "zhang_min"),
        by=w.users["library_contact"],
        note="当天场地检修",
    )


def booking_expired(w: W) -> None:
    """Both demo requests (李秀英's clinic slot, 张敏's hall) start without a decision."""
    pending = Booking.objects.filter(status=BookingStatus.PENDING)
    assert pending.count() == 2
    assert resources.expire_pending_bookings(now=max(b.start for b in pending)) == 2


def booking_cancelled(w: W) -> None:
    """华西医院 closes its parking: 李秀英's booking there, not started, is cancelled."""
    parking = _demo_booking(w, "parking", "li_xiuying")
    resources.close_resource(resource=parking.resource, by=None, reason="停车场施工")


def booking_no_show(w: W) -> None:
    """李秀英 does not come to her parking slot."""
    parking = _demo_booking(w, "parking", "li_xiuying")
    now = parking.start + dt.timedelta(minutes=resources.no_show_minutes() + 1)
    assert resources.release_no_shows(now=now) == 1


# -------------------------------------------------------------------------------- cases


def _report(w: W):
    return cases.report_case(
        by=w.users["resident_demo"],
        category="neighbourhood",
        title="楼上邻居家暴噪音（隐私）",
        description="请社区上门了解。",
    )


def case_new(w: W) -> None:
    _report(w)


def case_resolved(w: W) -> None:
    cases.resolve_case(
        case=_report(w),
        by=w.users["hongmenjie_admin"],
        resolution="社区上门调解，双方达成谅解。",
        method="mediation",
    )


# ----------------------------------------------------------------------------- councils


def _topic_in_vote(w: W):
    """The second resident (not a council member) raises a topic; 黉门街社区 opens the vote."""
    council = Council.objects.get(community=w.areas[HONGMENJIE])
    topic = councils.raise_topic(
        by=w.users["resident_two"], council=council, title="小区增设电动车充电桩"
    )
    return councils.open_voting(by=w.users["hongmenjie_admin"], topic=topic)


def council_vote_opened(w: W) -> None:
    _topic_in_vote(w)


def council_result_published(w: W) -> None:
    councils.close_voting(by=w.users["hongmenjie_admin"], topic=_topic_in_vote(w))


# --------------------------------------------------------------------------- dispatches


def _hongmenjie_dispatch(w: W):
    dispatch, created = dispatches.generate_monthly_dispatch(
        scope_area=w.areas[HONGMENJIE], period=dispatches.previous_month(w.today), by=None
    )
    assert created
    return dispatch


def dispatch_generate(w: W) -> None:
    _hongmenjie_dispatch(w)


def dispatch_criticism(w: W) -> None:
    dispatch = _hongmenjie_dispatch(w)
    dispatches.add_criticism(
        by=None,
        dispatch=dispatch,
        org=w.orgs["huaxi"],
        failure="共享停车位开放不足，",
        deadline=w.today + dt.timedelta(days=10),
    )
    dispatches.publish_dispatch(by=None, dispatch=dispatch)


def _yulin_rectification(w: W):
    """武侯区's demo dispatch criticised 玉林街道; its rectification is pending."""
    return Rectification.objects.get(org=w.orgs["yulin"])


def rectification_report(w: W) -> None:
    dispatches.report_rectification(
        by=w.users["yulin_staff"], rectification=_yulin_rectification(w), text="台账已补齐。"
    )


def rectification_verify(w: W) -> None:
    rect = _yulin_rectification(w)
    dispatches.report_rectification(
        by=w.users["yulin_staff"], rectification=rect, text="台账已补齐。"
    )
    dispatches.verify_rectification(by=w.users["wuhou_admin"], rectification=rect, approve=True)


def rectification_escalate(w: W) -> None:
    rect = _yulin_rectification(w)
    assert dispatches.escalate_overdue_rectifications(
        today=rect.deadline + dt.timedelta(days=1)
    ) == [rect.pk]


def inspection_create(w: W) -> None:
    dispatches.create_inspection(
        by=w.users["wuhou_admin"],
        kind="supervision",
        target=w.orgs["hongmenjie"],
        scheduled_on=w.today + dt.timedelta(days=5),
        inspector="武侯区委社治委督导组",
        checklist=["共建协议履约台账"],
    )


def schedule_missed(w: W) -> None:
    """玉林街道's 一月一现场会 of a past month was never closed: the street's staff are told."""
    from wulian.schedules import services as schedules
    from wulian.schedules.models import Schedule

    Schedule.objects.update(active=False)  # the demo's schedules make nothing in that month
    schedules.create_schedule(
        by=None, area=w.orgs["yulin"].leads, kind="onsite_meeting", day=10, place="玉林街道"
    )
    day = dt.date(2025, 3, 1)
    assert [o.kind for o in schedules.make_due(today=day)] == ["onsite_meeting"]
    assert [o.kind for o in schedules.flag_missed(today=dt.date(2025, 4, 1))] == ["onsite_meeting"]


def _inquiry(w: W):
    return dispatches.send_inquiry(
        by=w.users["wuhou_admin"],
        to_org=w.orgs["hongmenjie"],
        subject="共享停车投诉问询",
        question="请说明共享停车位投诉的处理情况。",
        reply_due=w.today + dt.timedelta(days=7),
    )


def inquiry_send(w: W) -> None:
    _inquiry(w)


def inquiry_reply(w: W) -> None:
    dispatches.reply_inquiry(
        by=w.users["hongmenjie_admin"], inquiry=_inquiry(w), reply="已协调华西医院延长开放时段。"
    )


def inquiry_decide(w: W) -> None:
    dispatches.decide_inquiry(by=w.users["wuhou_admin"], inquiry=_inquiry(w), decision="reminder")


# ------------------------------------------------------------------------------- duties


def duty_create(w: W) -> None:
    duty_list = duties.create_duty_list(
        by=None, org=w.orgs["hongmenjie"], year=w.today.year, kind="task"
    )
    duties.create_duty(
        by=w.users["hongmenjie_admin"],
        duty_list=duty_list,
        title="建立共享停车台账",
        due_on=w.today + dt.timedelta(days=30),
    )


def _assign(w: W, targets: list[str]):
    return duties.assign_duty(
        by=w.users["wuhou_admin"],
        targets=[w.orgs[t] for t in targets],
        kind="task",
        title="开展共驻共建双向评议",
        due_on=w.today + dt.timedelta(days=30),
    )


def duty_assign(w: W) -> None:
    _assign(w, ["yulin", "huaxi"])


def duty_report(w: W) -> None:
    duty = _assign(w, ["yulin"])[0]
    duties.report_progress(by=w.users["yulin_staff"], duty=duty, text="已完成辖区单位摸底。")


# -------------------------------------------------------------------------- evaluations


def _publish_live_round(w: W):
    """黉门街社区's open 2026 round: 疾控中心 scores high, 华西医院 low; published."""
    rnd = EvaluationRound.objects.get(scope=w.areas[HONGMENJIE], year=2026)
    criteria = list(rnd.criteria.filter(side=Side.UNIT))
    for unit, value in [("cdc", 98), ("huaxi", 60)]:
        evaluations.submit_scores(
            round=rnd,
            by=w.users["hongmenjie_admin"],
            rater=w.orgs["hongmenjie"],
            ratee=w.orgs[unit],
            values={c.pk: value for c in criteria},
        )
    evaluations.answer_survey(
        round=rnd,
        by=w.users["resident_demo"],
        satisfaction=5,
        unit_ratings={w.orgs["cdc"].pk: 5, w.orgs["huaxi"].pk: 2},
    )
    return evaluations.publish_round(round=rnd, by=None)


def evaluation_exemplary(w: W) -> None:
    _publish_live_round(w)


def evaluation_appeal_decided(w: W) -> None:
    rnd = _publish_live_round(w)
    appeal = evaluations.file_appeal(
        round=rnd,
        by=w.users["huaxi_contact"],
        org=w.orgs["huaxi"],
        reason="停车位开放数量统计有误。",
    )
    evaluations.decide_appeal(appeal=appeal, by=None, upheld=False, reply="经核实，统计无误。")


# ------------------------------------------------------------------------ funds, alliances


def fund_allocated(w: W) -> None:
    fund = Fund.objects.get(year=2025, kind="incentive", area=w.areas[CITY])
    funds.allocate(
        by=None,
        fund=fund,
        community=w.areas[HONGMENJIE],
        amount=Decimal("50000"),
        allocated_on=w.today,
        purpose="社区激励资金",
    )


def part_time_term_ending(w: W) -> None:
    """疾控中心's 郑伟 sits on 黉门街社区党委 until mid-2030; a month before, its admins are told.
    (The demo's own terms end years earlier, so only this one is due then.)"""
    alliances.appoint_part_time_member(
        by=None,
        person=w.people["zheng_wei"],
        unit=w.orgs["cdc"],
        committee=w.orgs["hongmenjie"],
        post="兼职委员",
        term_start=dt.date(2028, 7, 1),
        term_end=dt.date(2030, 6, 30),
    )
    assert alliances.remind_ending_terms(today=dt.date(2030, 6, 10)) == 1


# -------------------------------------------------------------------------------- needs


def _post(w: W, *, skills: str = "", **extra):
    return needs.post_need(
        by=w.users["resident_demo"],
        title="帮忙取药",
        category="health",
        description="腿脚不便，请人帮忙到社区卫生服务中心取药。",
        area=w.areas[HONGMENJIE],
        skills=skills,
        **extra,
    )


def _claimed_by_member(w: W):
    need = _post(w)
    return needs.claim_need(
        need=need, by=w.users["member_demo"], provider=f"person:{w.people['wang_jianguo'].pk}"
    )


def _fulfilled_by_huaxi(w: W):
    need = needs.claim_need(
        need=_post(w), by=w.users["huaxi_contact"], provider=f"org:{w.orgs['huaxi'].pk}"
    )
    needs.start_service(need=need, by=w.users["huaxi_contact"])
    # Served two hours after the claim: the hours recorded must fit in the time since the claim.
    counters.update(
        Need.objects.filter(pk=need.pk), claimed_at=timezone.now() - dt.timedelta(hours=2)
    )
    need.refresh_from_db()
    return needs.fulfil_need(
        need=need, by=w.users["huaxi_contact"], note="志愿者已送药上门。", hours="1"
    )


def need_nearby(w: W) -> None:
    """王建国 is registered in 黉门街社区 with this skill; 张敏 has it too, but in 西华门社区."""
    needs.register_in_community(
        by=w.users["member_library"], community=w.areas[XIHUAMEN], skills="健康讲座"
    )
    _post(w, skills="健康讲座")


def need_claimed(w: W) -> None:
    """The demo need 西华门社区's staff posted for 赵强 (代办, he has no account)."""
    need = Need.objects.get(title="楼道灯坏了需要维修")
    needs.claim_need(
        need=need, by=w.users["library_contact"], provider=f"org:{w.orgs['library'].pk}"
    )


def need_done(w: W) -> None:
    _fulfilled_by_huaxi(w)


def need_released(w: W) -> None:
    needs.release_need(need=_claimed_by_member(w), by=w.users["member_demo"], reason="临时出差")


def need_cancelled(w: W) -> None:
    needs.cancel_need(need=_claimed_by_member(w), by=w.users["resident_demo"], reason="家人已代取")


def need_rated(w: W) -> None:
    needs.confirm_need(need=_fulfilled_by_huaxi(w), by=w.users["resident_demo"], score=5)


def need_expired(w: W) -> None:
    until = timezone.now() + dt.timedelta(hours=1)
    _post(w, wished_until=until)
    assert needs.expire_needs(now=until + dt.timedelta(hours=1)) == 1


def need_flagged(w: W) -> None:
    need = _post(w)
    counters.update(
        Need.objects.filter(pk=need.pk),
        listed_at=timezone.now() - dt.timedelta(hours=needs.flag_hours() + 1),
    )
    assert needs.flag_stale_needs() == (1, 0)


def _past_confirmation(need) -> None:
    Need.objects.filter(pk=need.pk).update(confirm_due_at=timezone.now() - dt.timedelta(minutes=1))
    need.refresh_from_db()


def need_confirm_overdue(w: W) -> None:
    _past_confirmation(_fulfilled_by_huaxi(w))
    assert needs.flag_unconfirmed_needs() == 1


def need_decided(w: W) -> None:
    need = _fulfilled_by_huaxi(w)
    _past_confirmation(need)
    needs.decide_need(need=need, by=w.users["hongmenjie_admin"], accept=True, note="电话回访属实")


def need_message(w: W) -> None:
    need = needs.claim_need(
        need=_post(w), by=w.users["huaxi_contact"], provider=f"org:{w.orgs['huaxi'].pk}"
    )
    needs.post_need_message(need=need, by=w.users["huaxi_contact"], body="明天上午上门可以吗？")


def _delivery_by_huaxi(w: W):
    agreement = Agreement.objects.get(unit=w.orgs["huaxi"], status=AgreementStatus.IN_FORCE)
    clinic = agreement.items.get(content="免费义诊")
    return agreements.record_delivery(
        item=clinic, by=w.users["huaxi_contact"], date=w.today, count=1, beneficiaries=20
    )


def delivery_rejected(w: W) -> None:
    agreements.reject_delivery(
        delivery=_delivery_by_huaxi(w), by=w.users["hongmenjie_admin"], note="当天未开展"
    )


def delivery_confirm_overdue(w: W) -> None:
    from wulian.agreements.models import Delivery

    delivery = _delivery_by_huaxi(w)
    Delivery.objects.filter(pk=delivery.pk).update(
        confirm_due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert agreements.flag_unconfirmed_deliveries() == 1


def need_escalated(w: W) -> None:
    need = _post(w)
    now = timezone.now()
    counters.update(
        Need.objects.filter(pk=need.pk),
        listed_at=now - dt.timedelta(hours=200),
        flagged_at=now - dt.timedelta(hours=needs.escalate_hours() + 1),
    )
    assert needs.flag_stale_needs(now=now) == (0, 1)


# ------------------------------------------------------------------------------- matrix

# ------------------------------------------------------------------------------- reports


def _lamp():
    from wulian.reports.models import Report

    return Report.objects.get(description="小区东门外路灯不亮，晚上出行不便。")


def report_new(w: W) -> None:
    from wulian.reports import services as reports

    reports.submit_report(
        by=w.users["resident_demo"],
        category="road",
        area=w.areas[HONGMENJIE],
        description="井盖松动。",
    )


def report_routed(w: W) -> None:
    from wulian.reports import services as reports

    reports.route_report(report=_lamp(), by=w.users["hongmenjie_admin"], org=w.orgs["huaxi"])


def report_update(w: W) -> None:
    from wulian.reports import services as reports

    reports.handle_report(report=_lamp(), by=w.users["hongmenjie_admin"], note="已更换灯泡。")


def report_unresolved(w: W) -> None:
    from wulian.reports import services as reports
    from wulian.reports.models import Report

    bins = Report.objects.get(description="黉门街52号院门口垃圾桶满溢，已经两天没人清运。")
    reports.answer_report(report=bins, by=w.users["resident_demo"], answer="unresolved")


HONGMENJIE_STAFF = {"hongmenjie_admin", "hongmenjie_staff"}
INVITEES = {"huaxi_contact", "resident_demo"}  # 华西医院 invited as a unit, 李秀英 in person
COUNCIL = {
    "resident_demo",
    "member_demo",
    "huaxi_contact",
}  # 李秀英, 王建国, 华西医院; 郑伟 has no account

MATRIX: dict[str, tuple[Callable[[W], None], set[str]]] = {
    "action_item.new": (action_item_new, {"huaxi_contact", "cdc_contact"}),
    "action_item.done": (action_item_done, HONGMENJIE_STAFF),
    "action_item.accepted": (action_item_accepted, {"huaxi_contact"}),
    "action_item.returned": (action_item_returned, {"huaxi_contact"}),
    # 10 days overdue (grace and period 3 days): street, district and city each reached once.
    "action_item.escalated": (
        action_item_escalated,
        {"yulin_staff", "wuhou_admin", "wuhou_staff", "city_admin", "city_staff", "huaxi_contact"}
        | HONGMENJIE_STAFF,
    ),
    "decision.forwarded": (decision_forwarded, {"xihuamen_admin", "xihuamen_staff"}),
    "meeting.invitation": (meeting_invitation, INVITEES),
    "meeting.rescheduled": (meeting_rescheduled, INVITEES),
    "meeting.cancelled": (meeting_cancelled, INVITEES),
    "meeting.answer": (meeting_answer, HONGMENJIE_STAFF),
    "agreement.submitted": (agreement_submitted, {"huaxi_contact"}),
    "agreement.in_force": (agreement_in_force, {"huaxi_contact"} | HONGMENJIE_STAFF),
    "booking.pending": (booking_pending, {"huaxi_contact"}),
    "booking.approved": (booking_approved, {"resident_demo"}),
    "booking.rejected": (booking_rejected, {"member_library"}),
    "booking.expired": (booking_expired, {"resident_demo", "member_library"}),
    "booking.no_show": (booking_no_show, {"resident_demo"}),
    "booking.cancelled": (booking_cancelled, {"resident_demo"}),
    "case.new": (case_new, HONGMENJIE_STAFF),
    "case.resolved": (case_resolved, {"resident_demo"}),
    "council.vote_opened": (council_vote_opened, COUNCIL),
    "council.result_published": (council_result_published, COUNCIL | {"resident_two"}),
    "dispatch.generate": (dispatch_generate, HONGMENJIE_STAFF),
    "dispatch.criticism": (dispatch_criticism, {"huaxi_contact"}),
    "rectification.report": (rectification_report, {"wuhou_admin", "wuhou_staff"}),
    "rectification.verify": (rectification_verify, {"yulin_staff"}),
    "report.new": (report_new, HONGMENJIE_STAFF),
    "report.routed": (report_routed, {"huaxi_contact"}),
    "report.update": (report_update, {"resident_demo"}),
    "report.unresolved": (report_unresolved, HONGMENJIE_STAFF),
    "rectification.escalate": (
        rectification_escalate,
        {"city_admin", "city_staff", "wuhou_admin", "wuhou_staff"},
    ),
    "inspection.create": (inspection_create, HONGMENJIE_STAFF),
    "schedule.missed": (schedule_missed, {"yulin_staff"}),
    "inquiry.send": (inquiry_send, HONGMENJIE_STAFF),
    "inquiry.reply": (inquiry_reply, {"wuhou_admin", "wuhou_staff"}),
    "inquiry.decide": (inquiry_decide, HONGMENJIE_STAFF),
    "duty.create": (duty_create, HONGMENJIE_STAFF),
    "duty.assign": (duty_assign, {"yulin_staff", "huaxi_contact", "health_staff"}),
    "duty.report": (duty_report, {"wuhou_admin", "wuhou_staff"}),
    "evaluation.exemplary": (evaluation_exemplary, {"cdc_contact"}),
    "evaluation.appeal_decided": (evaluation_appeal_decided, {"huaxi_contact"}),
    "fund.allocated": (fund_allocated, {"hongmenjie_admin"}),
    "part_time.term_ending": (part_time_term_ending, {"hongmenjie_admin"}),
    "need.nearby": (need_nearby, {"member_demo"}),
    "need.claimed": (need_claimed, {"xihuamen_staff"}),
    "need.done": (need_done, {"resident_demo"}),
    "need.released": (need_released, {"resident_demo"}),
    "need.cancelled": (need_cancelled, {"member_demo"}),
    "need.rated": (need_rated, {"huaxi_contact"}),
    "need.expired": (need_expired, {"resident_demo"}),
    "need.flagged": (need_flagged, HONGMENJIE_STAFF),
    "need.escalated": (need_escalated, {"yulin_staff"}),
    "need.confirm_overdue": (need_confirm_overdue, HONGMENJIE_STAFF),
    "need.decided": (need_decided, {"huaxi_contact", "resident_demo"}),
    "need.message": (need_message, {"resident_demo"}),
    "delivery.rejected": (delivery_rejected, {"huaxi_contact"}),
    "delivery.confirm_overdue": (delivery_confirm_overdue, HONGMENJIE_STAFF),
}


def test_every_registered_kind_has_a_row():
    assert sorted(MATRIX) == sorted(KINDS)


def test_every_expected_recipient_is_an_observer():
    assert {name for _trigger, told in MATRIX.values() for name in told} <= set(OBSERVERS)


@pytest.mark.parametrize("kind", sorted(MATRIX))
def test_who_is_told(kind, w, django_capture_on_commit_callbacks):
    trigger, expected = MATRIX[kind]
    last = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    with django_capture_on_commit_callbacks(execute=True):
        trigger(w)
    told = set(
        Notification.objects.filter(
            pk__gt=last, kind=kind, user__username__in=OBSERVERS
        ).values_list("user__username", flat=True)
    )
    assert told == expected
