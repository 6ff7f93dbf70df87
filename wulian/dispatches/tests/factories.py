"""Oversight built through ``dispatches.services`` by the system: a district's governance
committee inspecting, or inquiring of, the party organization of one of its streets (both new).
An inspection is a planned supervision on 1 December 2026 by 区委社治委督导组 with two checklist
items; an inquiry asks 请说明原因。 with a reply due on 1 January 2099.

    inspection = InspectionFactory(kind="unannounced")
    inquiry = InquiryFactory(to_org=street_leader, from_org=district_committee)
"""

import datetime as dt

import factory

from wulian.areas.tests.factories import StreetFactory
from wulian.dispatches import services
from wulian.dispatches.models import Inquiry, Inspection
from wulian.orgs.tests.factories import GovernanceCommitteeFactory, PartyOrgFactory


def _district_committee(street_org):
    from wulian.orgs.models import Kind, Org

    district = street_org.area.parent
    return Org.objects.filter(
        kind=Kind.GOVERNANCE_COMMITTEE, area=district
    ).first() or GovernanceCommitteeFactory(area=district)


class InspectionFactory(factory.Factory):
    class Meta:
        model = Inspection

    target = factory.LazyFunction(lambda: PartyOrgFactory(leads=StreetFactory()))
    by_org = factory.LazyAttribute(lambda i: _district_committee(i.target))
    kind = "supervision"
    scheduled_on = dt.date(2026, 12, 1)
    inspector = "区委社治委督导组"
    checklist = ("设岗定责", "台账")

    @classmethod
    def _create(cls, model_class, *, checklist, **kwargs) -> Inspection:
        return services.create_inspection(by=None, checklist=list(checklist), **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "an inspection is created by the service: use InspectionFactory() (create)"
        )


class InquiryFactory(factory.Factory):
    class Meta:
        model = Inquiry

    to_org = factory.LazyFunction(lambda: PartyOrgFactory(leads=StreetFactory()))
    from_org = factory.LazyAttribute(lambda i: _district_committee(i.to_org))
    subject = factory.Sequence(lambda n: f"测试问询{n}")
    question = "请说明原因。"
    reply_due = dt.date(2099, 1, 1)

    @classmethod
    def _create(cls, model_class, **kwargs) -> Inquiry:
        return services.send_inquiry(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "an inquiry is sent by the service: use InquiryFactory() (create)"
        )
