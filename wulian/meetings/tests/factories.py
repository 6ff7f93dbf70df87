"""A joint meeting convened through ``meetings.services.convene_meeting`` by the party
organization leading its area (made if the area has none): a street meeting a week from now,
two hours long, nobody invited, no agenda.

    meeting = JointMeetingFactory()
    meeting = JointMeetingFactory(area=district, invite_orgs=[street_leader])
"""

import datetime as dt

import factory
from django.utils import timezone

from wulian.areas.tests.factories import StreetFactory
from wulian.meetings import services
from wulian.meetings.models import JointMeeting
from wulian.orgs.tests.factories import PartyOrgFactory


def _leader(area):
    from wulian.orgs.models import Org

    return Org.objects.filter(leads=area).first() or PartyOrgFactory(leads=area)


class JointMeetingFactory(factory.Factory):
    class Meta:
        model = JointMeeting

    area = factory.SubFactory(StreetFactory)
    convener = factory.LazyAttribute(lambda m: _leader(m.area))
    topic = factory.Sequence(lambda n: f"测试联席会议{n}")
    place = "党群服务中心会议室"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + dt.timedelta(hours=2))
    invite_orgs = ()

    @classmethod
    def _create(cls, model_class, **kwargs) -> JointMeeting:
        return services.convene_meeting(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a meeting is convened by the service: use JointMeetingFactory() (create)"
        )


def present(meeting: JointMeeting, name: str = "王主任") -> None:
    """Record one person present (by the system), as closing a meeting needs."""
    services.record_attendance(meeting=meeting, by=None, name=name)


def item_led_by(*, by, area, lead_org, topic: str, due_in_days: int, text: str = "议定事项"):
    """One action item led by ``lead_org``, decided at a meeting of ``area`` convened and closed
    by ``by`` an hour after it began (someone recorded present): the item's meeting is
    ``item.decision.meeting``."""
    from wulian.meetings.models import ActionItem

    start = timezone.now() - dt.timedelta(hours=1)
    meeting = services.convene_meeting(
        by=by,
        area=area,
        topic=topic,
        place="党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    present(meeting)
    services.close_meeting(
        meeting=meeting,
        by=by,
        host="王主任",
        recorder="李干事",
        minutes="议定。",
        decisions=[
            {
                "text": text,
                "action_items": [
                    {
                        "title": text,
                        "lead_org": lead_org,
                        "co_orgs": [],
                        "responsible": "负责人",
                        "due_on": timezone.localdate() + dt.timedelta(days=due_in_days),
                        "done_criteria": "完成",
                    }
                ],
            }
        ],
    )
    return ActionItem.objects.get(decision__meeting=meeting)
