"""A need posted through ``needs.services.post_need`` by a resident of a new community (so the
community, street and district ids are set as the platform sets them), in the resident's home
community, category health, no skills asked, no wished times, no photos.

    need = NeedFactory()                                 # posted, by need.poster
    need = NeedFactory(poster=resident, area=grid)       # a resident you hold, a grid of their community
"""

import factory

from wulian.accounts.tests.factories import ResidentFactory
from wulian.needs import services
from wulian.needs.models import Category, Need


class NeedFactory(factory.Factory):
    class Meta:
        model = Need

    poster = factory.SubFactory(ResidentFactory)  # a User linked to a person
    title = factory.Sequence(lambda n: f"测试需求{n}")
    category = Category.HEALTH
    description = "需要有人帮忙。"
    skills = ""
    area = None  # the poster's home community

    @classmethod
    def _create(cls, model_class, *, poster, **kwargs) -> Need:
        need = services.post_need(by=poster, **kwargs)
        need.poster = poster
        return need

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("a need is posted by the service: use NeedFactory() (create)")


def unit_provider(community):
    """A unit located in ``community`` (so the needs of its street are offered to it) and its
    contact: ``contact, provider = unit_provider(need.community)``, ``provider`` as claim_need takes it."""
    from wulian.accounts.models import RoleKind
    from wulian.accounts.tests.factories import UserFactory
    from wulian.orgs.tests.factories import UnitFactory

    unit = UnitFactory(area=community)
    return UserFactory(role=RoleKind.UNIT_CONTACT, org=unit), f"org:{unit.pk}"
