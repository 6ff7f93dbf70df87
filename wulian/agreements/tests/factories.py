"""Agreements (共建协议) built through ``agreements.services`` by the system: between the party
organization leading a new community and a new unit located there, for 2026, titled 测试责任书,
with one clinic item of the unit (免费义诊, at least 10 次/月, 王建国 responsible). ``status``
takes it further the way the platform does: ``awaiting`` submits it, ``in_force`` also has the
system confirm it for both sides.

    agreement = AgreementFactory()                          # a draft
    agreement = AgreementFactory(status=AgreementStatus.IN_FORCE, items=0)   # refused: no item
"""

import datetime as dt

import factory

from wulian.agreements import services
from wulian.agreements.models import Agreement, AgreementStatus
from wulian.orgs.tests.factories import PartyOrgFactory, UnitFactory


class AgreementFactory(factory.Factory):
    class Meta:
        model = Agreement

    party_org = factory.SubFactory(PartyOrgFactory)
    unit = factory.LazyAttribute(lambda a: UnitFactory(area=a.party_org.leads))
    start = dt.date(2026, 1, 1)
    end = dt.date(2026, 12, 31)
    title = "测试责任书"
    items = 1  # clinic items added before ``status`` is reached
    status = AgreementStatus.DRAFT

    @classmethod
    def _create(cls, model_class, *, items, status, **kwargs) -> Agreement:
        agreement = services.create_agreement(by=None, **kwargs)
        for _n in range(items):
            services.add_item(
                agreement=agreement,
                by=None,
                content="免费义诊",
                standard="专家坐诊",
                target_count=10,
                target_unit="次/月",
                responsible_org=agreement.unit,
                responsible_person="王建国",
            )
        if status in (AgreementStatus.AWAITING, AgreementStatus.IN_FORCE):
            agreement = services.submit_agreement(agreement=agreement, by=None)
        if status == AgreementStatus.IN_FORCE:
            agreement = services.confirm_agreement(agreement=agreement, by=None)
        return agreement

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "an agreement is drafted by the service: use AgreementFactory() (create)"
        )
