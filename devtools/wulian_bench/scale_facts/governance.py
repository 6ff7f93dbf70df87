"""The governance linkages: agreements with their deliveries, joint meetings and their
decisions, duty lists and an evaluation round."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wulian.orgs.models import Org
from wulian_bench.scale_facts.marks import MARK


class GovernanceSteps:
    """Agreements, meetings, duties and evaluation (see ``FactSteps`` for the generator they use)."""

    def _agreements(self) -> None:
        from wulian.agreements.models import (
            Agreement,
            AgreementStatus,
            Delivery,
            DeliveryStatus,
            ServiceItem,
        )

        opening = self.units[: self.plan.units_opening]
        self.bulk(
            Agreement,
            [
                Agreement(
                    title=f"{u.name}共驻共建服务协议",
                    area=u.area,
                    party_org=self.leaders[u.area_id],
                    unit=u,
                    start=dt.date(2025, 1, 1),
                    end=dt.date(2025, 12, 31),
                    status=AgreementStatus.IN_FORCE,
                    in_force_at=self.now,
                )
                for u in opening
            ],
            "agreements (服务协议)",
        )
        agreements = list(
            Agreement.objects.filter(unit__name__startswith=MARK).select_related("unit")
        )
        self.bulk(
            ServiceItem,
            [
                ServiceItem(
                    agreement=a,
                    content="开放场地、志愿服务",
                    target_count=12,
                    target_unit="次",
                    responsible_org=a.unit,
                    responsible_person="联络员",
                )
                for a in agreements
            ],
        )
        items = list(ServiceItem.objects.filter(agreement__in=agreements))
        # The community has confirmed all but each item's last delivery, which is still pending.
        last = self.plan.deliveries_per_agreement - 1
        self.bulk(
            Delivery,
            [
                Delivery(
                    item=it,
                    date=self.day(),
                    count=1 + k % 3,
                    status=DeliveryStatus.PENDING if k == last else DeliveryStatus.CONFIRMED,
                )
                for it in items
                for k in range(self.plan.deliveries_per_agreement)
            ],
            "deliveries (履约)",
        )

    def _meetings(self) -> None:
        from wulian.meetings.models import (
            ActionItem,
            ActionStatus,
            Decision,
            JointMeeting,
            MeetingStatus,
        )

        rows = []
        for s in self.streets:
            for m in range(self.plan.meetings_per_street):
                month = 1 + m % 12
                starts = dt.datetime(2025, month, 15, 9, 0, tzinfo=timezone.get_current_timezone())
                rows.append(
                    JointMeeting(
                        area=s,
                        convener=self.leaders[s.pk],
                        topic=f"{MARK}{month}月联席会议",
                        place="街道",
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=2),
                        status=MeetingStatus.CLOSED,
                        closed_at=starts + dt.timedelta(hours=2),
                    )
                )
        self.bulk(JointMeeting, rows, "joint meetings (联席会议)")
        meetings = list(JointMeeting.objects.filter(topic__startswith=MARK))
        self.bulk(Decision, [Decision(meeting=m, text="议定事项") for m in meetings])
        decisions = list(Decision.objects.filter(meeting__in=meetings).select_related("meeting"))
        items = []
        for d in decisions:
            for k in range(3):
                due = d.meeting.starts_at.date() + dt.timedelta(days=30)
                accepted = k < 2
                done_at = d.meeting.starts_at + dt.timedelta(days=20 if k == 0 else 40)
                items.append(
                    ActionItem(
                        decision=d,
                        title=f"事项{k + 1}",
                        lead_org=self.leaders[d.meeting.area_id],
                        responsible="负责人",
                        due_on=due,
                        done_criteria="按期办结",
                        status=ActionStatus.ACCEPTED if accepted else ActionStatus.OPEN,
                        done_at=done_at if accepted else None,
                        accepted_at=done_at if accepted else None,
                    )
                )
        self.bulk(ActionItem, items, "action items (议定事项)")

    def _duties(self) -> None:
        from wulian.duties.models import Duty, DutyKind, DutyList, DutyStatus

        orgs = list(self.leaders.values())
        self.bulk(
            DutyList,
            [DutyList(org=o, year=2025, kind=DutyKind.RESPONSIBILITY) for o in orgs],
            "duty lists (清单)",
        )
        lists = list(
            DutyList.objects.filter(
                org__in=orgs, year=2025, kind=DutyKind.RESPONSIBILITY
            ).select_related("org")
        )
        rows = []
        for dl in lists:
            for k in range(self.plan.duties_per_org):
                assigned = dt.date(2025, 1 + k % 12, 1)
                due = assigned + dt.timedelta(days=60)
                done = k % 10 < 7
                rows.append(
                    Duty(
                        duty_list=dl,
                        title=f"{MARK}责任事项{k + 1}",
                        lead_org=dl.org,
                        assigned_on=assigned,
                        due_on=due,
                        status=DutyStatus.DONE if done else DutyStatus.OPEN,
                        done_on=(
                            due - dt.timedelta(days=5) if k % 10 < 6 else due + dt.timedelta(days=7)
                        )
                        if done
                        else None,
                    )
                )
        self.bulk(Duty, rows, "duties (责任事项)")

    def _evaluation(self) -> None:
        from wulian.evaluations import services as ev
        from wulian.evaluations.models import (
            Criterion,
            EvaluationRound,
            Respondent,
            Score,
            Side,
            SurveyAnswer,
            UnitRating,
        )

        year = 2024
        if EvaluationRound.objects.filter(scope=self.city, year=year).exists():
            return
        rnd = ev.create_round(
            by=None, scope=self.city, year=year, title=f"成都市{year}年度共驻共建双向评议（{MARK}）"
        )
        ev.set_criteria(
            round=rnd,
            by=None,
            criteria=[
                (Side.UNIT, "共驻共建参与度", 30),
                (Side.UNIT, "资源开放共享", 25),
                (Side.UNIT, "服务群众实效", 30),
                (Side.UNIT, "党建联建活动", 15),
                (Side.COMMUNITY, "服务驻区单位", 40),
                (Side.COMMUNITY, "组织协调能力", 30),
                (Side.COMMUNITY, "工作作风", 30),
            ],
        )
        ev.open_round(round=rnd, by=None)
        unit_c = list(Criterion.objects.filter(round=rnd, side=Side.UNIT))
        comm_c = list(Criterion.objects.filter(round=rnd, side=Side.COMMUNITY))
        scores = []
        for u in self.units:
            community = self.leaders[u.area_id]
            base = 70 + self.rng.randrange(30)
            scores += [
                Score(
                    round=rnd,
                    criterion=c,
                    rater=community,
                    ratee=u,
                    value=min(100, base + self.rng.randrange(5)),
                )
                for c in unit_c
            ]
            scores += [
                Score(
                    round=rnd,
                    criterion=c,
                    rater=u,
                    ratee=community,
                    value=75 + self.rng.randrange(25),
                )
                for c in comm_c
            ]
        self.bulk(Score, scores, "evaluation scores (互评)")
        units_by_area: dict[int, list[Org]] = {}
        for u in self.units:
            units_by_area.setdefault(u.area_id, []).append(u)
        self.bulk(Respondent, [Respondent(round=rnd, person=p) for p in self.residents])
        answers = self.bulk(
            SurveyAnswer,
            [
                SurveyAnswer(
                    round=rnd,
                    community=p.home_area,
                    community_org=self.leaders[p.home_area_id],
                    satisfaction=self.rng.choice([3, 4, 4, 5, 5, 5]),
                    answered_on=dt.date(year, 12, 1),
                )
                for p in self.residents
            ],
            "survey answers (满意度答卷)",
        )
        answers = list(SurveyAnswer.objects.filter(round=rnd).only("pk", "community_id"))
        ratings = []
        for a in answers:
            units = units_by_area.get(a.community_id, [])
            if units:
                ratings.append(
                    UnitRating(
                        answer=a,
                        unit=units[a.pk % len(units)],
                        satisfaction=self.rng.choice([4, 5, 5]),
                    )
                )
        self.bulk(UnitRating, ratings)
        ev.publish_round(
            round=rnd,
            by=None,
            now=dt.datetime(year + 1, 1, 20, 10, 0, tzinfo=timezone.get_current_timezone()),
        )
        self.count("evaluated organizations", rnd.results.count())
        self.count("共驻共建先进单位", rnd.results.filter(exemplary=True).count())
