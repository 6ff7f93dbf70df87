"""A shared resource published through ``resources.services.create_resource`` by a new unit, in
the unit's area: a venue with capacity 1, open every day 08:00–20:00, no approval, free, no
eligible areas or orgs (so residents of its own area may book), the service's default allowances.

    resource = ResourceFactory()
    resource = ResourceFactory(org=unit, capacity=2, requires_approval=True)
"""

import datetime as dt

import factory

from wulian.orgs.tests.factories import UnitFactory
from wulian.resources import services
from wulian.resources.models import Resource

EVERY_DAY_8_TO_20 = [(day, dt.time(8), dt.time(20)) for day in range(7)]


class ResourceFactory(factory.Factory):
    class Meta:
        model = Resource

    org = factory.SubFactory(UnitFactory)
    area = factory.SelfAttribute("org.area")
    name = factory.Sequence(lambda n: f"测试活动室{n}")
    kind = "venue"
    capacity = 1
    capacity_unit = "间"
    location = "测试路1号"
    hours = EVERY_DAY_8_TO_20

    @classmethod
    def _create(cls, model_class, **kwargs) -> Resource:
        return services.create_resource(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError(
            "a resource is published by the service: use ResourceFactory() (create)"
        )
