"""Every app's figures, registered in one place.

One ``register_<app>()`` per app, run at start-up only if that app is installed; adding a linkage's
figures to every dashboard is one function here, plus ``objects = FactManager()`` on the model (or
its QuerySet derived from ``FactQuerySet``: the ``figures.E001`` check names a model without).
Keys are ``<app>.<figure>``; dynamic keys (one per choice, e.g. ``orgs.kind.agency``) are labelled
by their prefix.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wulian.figures.registry import register


def _created(obj):
    return getattr(obj, "created_at", None)


def register_orgs() -> None:
    from wulian.orgs.models import UNIT_KINDS, Org, PartyBody

    def org_facts(org) -> dict[str, int]:
        facts = {"orgs.total": 1, f"orgs.kind.{org.kind}": 1}
        if org.kind in UNIT_KINDS:
            facts["orgs.units"] = 1
        if org.party_body and org.party_body != PartyBody.NONE:
            facts["orgs.party_bodies"] = 1
            facts[f"orgs.body.{org.party_body}"] = 1
        return facts

    register(Org, area="area", facts=org_facts, month=_created, labels={
        "orgs.total": _("组织总数"), "orgs.units": _("驻区单位"), "orgs.party_bodies": _("已建党组织"),
        "orgs.kind.*": _("组织类别"), "orgs.body.*": _("党组织形式"),
    })

    # change_party_body() updates the org with queryset.update(): counted by OrgQuerySet, a
    # FactQuerySet (see figures/managers.py).


def register_people() -> None:
    from wulian.people.models import Person

    register(Person, area="home_area", buckets={
        "people.total": lambda p: True,
        "people.party_members": lambda p: p.is_party_member,
    }, month=_created, labels={"people.total": _("登记人员"), "people.party_members": _("党员")})


def register_evaluations() -> None:
    from wulian.evaluations.models import Result, SurveyAnswer

    register(SurveyAnswer, area="community", buckets={
        "evaluations.answers": lambda a: True,
        "evaluations.satisfaction_sum": lambda a: a.satisfaction,
        "evaluations.satisfied": lambda a: a.satisfaction >= 4,
    }, month=lambda a: a.answered_on, labels={
        "evaluations.answers": _("满意度答卷"), "evaluations.satisfaction_sum": _("满意度星级合计"),
        "evaluations.satisfied": _("满意及以上答卷"),
    })
    # Results exist only once a round is published (publish_round creates them with
    # Result.objects.bulk_create, which counts them: see figures/managers.py).
    register(Result, area="area", buckets={
        "evaluations.evaluated": lambda r: True,
        "evaluations.exemplary": lambda r: r.exemplary,
    }, labels={
        "evaluations.evaluated": _("参评组织"), "evaluations.exemplary": _("共驻共建先进单位"),
    })


def _local_date(value):
    from django.utils import timezone

    if value is None:
        return None
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _fen(amount) -> int:
    return int(round(amount * 100))


def register_needs() -> None:
    from wulian.needs.models import HELD_STATES, Need, Rating, State

    def need_facts(n) -> dict[str, int]:
        facts = {"needs.posted": 1, f"needs.state.{n.state}": 1}
        if n.state in HELD_STATES:
            facts["needs.claimed"] = 1
        if n.state == State.CONFIRMED:  # served counts once the resident (or the community) confirmed
            facts["needs.served"] = 1
        if n.claimed_at and n.listed_at and n.state in HELD_STATES:
            facts["needs.responded"] = 1
            facts["needs.response_minutes"] = max(0, int((n.claimed_at - n.listed_at).total_seconds() // 60))
        return facts

    register(Need, area="area", facts=need_facts, month=lambda n: n.created_at, labels={
        "needs.posted": _("群众需求"), "needs.claimed": _("已认领"), "needs.served": _("已服务"),
        "needs.responded": _("已响应"), "needs.response_minutes": _("响应时长合计(分钟)"), "needs.state.*": _("需求状态"),
    })
    register(Rating, area="need__area", buckets={
        "needs.ratings": lambda r: True, "needs.rating_sum": lambda r: r.score,
    }, month=lambda r: r.created_at, labels={"needs.ratings": _("服务评价"), "needs.rating_sum": _("评价星级合计")})


def register_resources() -> None:
    from wulian.resources.models import Booking, BookingStatus, Resource

    register(Resource, area="area", buckets={
        "resources.total": lambda r: True, "resources.opened": lambda r: r.is_open,
    }, month=lambda r: r.created_at, labels={"resources.total": _("共享资源"), "resources.opened": _("开放资源")})
    counted = {BookingStatus.PENDING, BookingStatus.APPROVED, BookingStatus.CHECKED_IN, BookingStatus.NO_SHOW}
    register(Booking, area="resource__area", buckets={
        "resources.bookings": lambda b: b.status in counted,
        "resources.checked_in": lambda b: b.status == BookingStatus.CHECKED_IN,
    }, month=lambda b: b.start, labels={"resources.bookings": _("资源预约"), "resources.checked_in": _("已签到")})


def register_agreements() -> None:
    from wulian.agreements.models import Agreement, AgreementStatus, Delivery, DeliveryStatus

    register(Agreement, area="area", buckets={
        "agreements.signed": lambda a: a.status in (AgreementStatus.IN_FORCE, AgreementStatus.ENDED),
        "agreements.in_force": lambda a: a.status == AgreementStatus.IN_FORCE,
    }, month=lambda a: a.created_at, labels={"agreements.signed": _("服务协议"), "agreements.in_force": _("生效协议")})
    # A delivery counts once the community confirmed it (confirm_delivery: a conditional UPDATE
    # through the FactQuerySet); pending and rejected ones count for nothing.
    register(Delivery, area="item__agreement__area", buckets={
        "agreements.fulfilled": lambda d: d.status == DeliveryStatus.CONFIRMED,
        "agreements.delivered": lambda d: d.count if d.status == DeliveryStatus.CONFIRMED else 0,
    }, month=lambda d: d.date, labels={"agreements.fulfilled": _("履约记录"), "agreements.delivered": _("履约服务量")})


def register_meetings() -> None:
    from wulian.meetings.models import (
        ActionItem,
        ActionStatus,
        Attendance,
        JointMeeting,
        MeetingStatus,
    )

    # A cancelled meeting counts nowhere; a rescheduled one moves to its new start's month.
    register(JointMeeting, area="area", buckets={
        "meetings.total": lambda m: m.status != MeetingStatus.CANCELLED,
        "meetings.held": lambda m: m.status == MeetingStatus.CLOSED,
    }, month=lambda m: m.starts_at, labels={"meetings.total": _("联席会议"), "meetings.held": _("已召开")})
    # One per person recorded or checked in (record_attendance, checkin), at the meeting's area.
    # By the check-in time, the attendance's own (the meeting's start is another row's: the demo
    # moves its held meeting back a month after recording who came).
    register(Attendance, area="meeting__area", buckets={"meetings.attendances": lambda a: True},
             month=lambda a: a.checked_in_at, labels={"meetings.attendances": _("联席会议参会人次")})

    def item_facts(i) -> dict[str, int]:
        facts = {"meetings.items": 1}
        if i.status == ActionStatus.ACCEPTED:
            facts["meetings.items_closed"] = 1
            done = _local_date(i.done_at)
            if done is not None and done <= i.due_on:
                facts["meetings.items_closed_on_time"] = 1
        return facts

    register(ActionItem, area="decision__meeting__area", facts=item_facts, month=lambda i: i.due_on, labels={
        "meetings.items": _("议定事项"), "meetings.items_closed": _("已验收事项"),
        "meetings.items_closed_on_time": _("按期办结事项"),
    })


def register_cases() -> None:
    from wulian.cases.models import Case, Category, Status

    register(Case, area="area", buckets={
        "cases.total": lambda c: True, "cases.resolved": lambda c: c.status == Status.RESOLVED,
        "cases.property_resolved": lambda c: c.status == Status.RESOLVED and c.category == Category.PROPERTY_MANAGEMENT,
    }, month=lambda c: c.registered_at, labels={
        "cases.total": _("矛盾纠纷"), "cases.resolved": _("化解纠纷"), "cases.property_resolved": _("化解物业纠纷"),
    })


def register_alliances() -> None:
    from wulian.alliances.models import Alliance, AllianceActivity, LedActivity, PartTimeMember

    register(Alliance, area="area", buckets={"alliances.alliances": lambda a: True}, month=_created,
             labels={"alliances.alliances": _("区域化党建联盟")})
    register(PartTimeMember, area="area", buckets={"alliances.part_time_members": lambda m: True},
             month=_created, labels={"alliances.part_time_members": _("兼职委员")})
    register(LedActivity, area="member__area", buckets={
        "activities.led": lambda a: True, "activities.lecture_attendances": lambda a: a.attendance,
    }, month=lambda a: a.held_on, labels={"activities.led": _("兼职委员带头活动"),
                                          "activities.lecture_attendances": _("党课听课人次")})
    register(AllianceActivity, area="alliance__area", buckets={
        "alliances.activities": lambda a: True, "alliances.attendance": lambda a: a.attendance,
    }, month=lambda a: a.held_on, labels={"alliances.activities": _("联盟活动"), "alliances.attendance": _("联盟活动人次")})


def register_councils() -> None:
    from wulian.councils.models import Council

    register(Council, area="community", buckets={"councils.councils": lambda c: True}, month=_created,
             labels={"councils.councils": _("居民议事会")})


def register_funds() -> None:
    from wulian.funds.models import EntryKind, Facility, LedgerEntry, Project

    register(Project, area="community", facts=lambda p: {"funds.projects": 1, f"funds.projects.{p.status}": 1},
             month=lambda p: p.created_at, labels={"funds.projects": _("项目"), "funds.projects.*": _("项目状态")})
    register(Facility, area="community", buckets={"funds.facilities": lambda f: True}, month=_created,
             labels={"funds.facilities": _("设施")})
    sign = {EntryKind.RECEIPT: ("funds.received_fen", 1), EntryKind.RECEIPT_CORRECTION: ("funds.received_fen", -1)}
    register(LedgerEntry, area="fund__area", facts=lambda e: (
        {sign[e.kind][0]: sign[e.kind][1] * _fen(e.amount)} if e.kind in sign else {}),
        month=lambda e: e.created_at, labels={"funds.received_fen": _("到位资金(分)")})
    community = {
        EntryKind.ALLOCATION: ("funds.allocated_fen", 1), EntryKind.ALLOCATION_RETURN: ("funds.allocated_fen", -1),
        EntryKind.SPENDING: ("funds.spent_fen", 1), EntryKind.SPENDING_RETURN: ("funds.spent_fen", -1),
    }
    register(LedgerEntry, area="allocation__community", facts=lambda e: (
        {community[e.kind][0]: community[e.kind][1] * _fen(e.amount)} if e.kind in community else {}),
        month=lambda e: e.created_at, labels={"funds.allocated_fen": _("拨付资金(分)"), "funds.spent_fen": _("支出资金(分)")})


def register_duties() -> None:
    from wulian.duties.models import Duty, DutyStatus

    def duty_facts(d) -> dict[str, int]:
        facts = {"duties.total": 1}
        if d.status == DutyStatus.DONE:
            facts["duties.done"] = 1
            facts["duties.done_on_time" if d.done_on <= d.due_on else "duties.done_late"] = 1
        else:
            facts["duties.open"] = 1
        return facts

    # By due month: "overdue" is read as the open duties of the months already ended
    # (selectors.area_figures), a month-granular figure kept without a nightly job.
    register(Duty, area="lead_org__area", facts=duty_facts, month=lambda d: d.due_on, labels={
        "duties.total": _("责任事项"), "duties.done": _("已完成"), "duties.done_on_time": _("按期完成"),
        "duties.done_late": _("逾期完成"), "duties.open": _("进行中"),
    })


def register_dispatches() -> None:
    from wulian.dispatches.models import (
        Criticism,
        Rectification,
        RectificationReport,
        RectificationStatus,
    )

    # Issued once the dispatch is published (publish_dispatch stamps published_at on each of its
    # criticisms: a draft's criticisms count for nothing), at the criticized org's area.
    register(Criticism, area="org__area", buckets={"dispatches.criticisms": lambda c: c.published_at is not None},
             month=lambda c: c.published_at, labels={"dispatches.criticisms": _("通报批评")})
    # Rectifications by their deadline's month, like duties and action items by their due month.
    register(Rectification, area="org__area", buckets={
        "dispatches.rectified": lambda r: r.status == RectificationStatus.VERIFIED,
    }, month=lambda r: r.deadline, labels={"dispatches.rectified": _("整改核验通过")})
    # On time: the report the issuer verified was made by the deadline (the issuer's own delay in
    # verifying does not make it late). verify_rectification marks that report's review; the
    # rectification's deadline and org never change.
    register(RectificationReport, area="rectification__org__area", buckets={
        "dispatches.rectified_on_time": lambda r: (
            r.review == RectificationStatus.VERIFIED and _local_date(r.reported_at) <= r.rectification.deadline),
    }, month=lambda r: r.rectification.deadline, labels={"dispatches.rectified_on_time": _("按期整改")})


REGISTRARS = {
    "orgs": register_orgs,
    "people": register_people,
    "needs": register_needs,
    "resources": register_resources,
    "agreements": register_agreements,
    "meetings": register_meetings,
    "cases": register_cases,
    "alliances": register_alliances,
    "councils": register_councils,
    "funds": register_funds,
    "duties": register_duties,
    "dispatches": register_dispatches,
    "evaluations": register_evaluations,
}

_done = False


def register_all() -> None:
    global _done
    if _done:
        return
    _done = True
    for app, fn in REGISTRARS.items():
        if apps.is_installed(f"wulian.{app}"):
            fn()
