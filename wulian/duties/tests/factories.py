"""Duty lists and duties built through ``duties.services`` by the system: the 2030
responsibility list (责任清单) of a new community's party organization, and one duty in it
assigned on 1 November 2030, due on 20 December 2030, no co-organizers.

    duty = DutyFactory()                                  # in a new org's list
    duty = DutyFactory(duty_list=DutyListFactory(org=leader, kind=DutyKind.TASK))
"""

import datetime as dt

import factory

from wulian.duties import services
from wulian.duties.models import Duty, DutyKind, DutyList
from wulian.orgs.tests.factories import PartyOrgFactory


class DutyListFactory(factory.Factory):
    class Meta:
        model = DutyList

    org = factory.SubFactory(PartyOrgFactory)
    year = 2030
    kind = DutyKind.RESPONSIBILITY

    @classmethod
    def _create(cls, model_class, **kwargs) -> DutyList:
        return services.create_duty_list(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a duty list is created by the service: use DutyListFactory() (create)"
        )


class DutyFactory(factory.Factory):
    class Meta:
        model = Duty

    duty_list = factory.SubFactory(DutyListFactory)
    title = factory.Sequence(lambda n: f"测试事项{n}")
    due_on = dt.date(2030, 12, 20)
    assigned_on = dt.date(2030, 11, 1)
    done_criteria = ""
    co_orgs = ()

    @classmethod
    def _create(cls, model_class, **kwargs) -> Duty:
        return services.create_duty(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("a duty is created by the service: use DutyFactory() (create)")
