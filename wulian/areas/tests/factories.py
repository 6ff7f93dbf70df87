"""Factories for the territorial tree: a city, and a district, street, community and grid each
under a new parent unless one is given. Codes follow the statistical pattern (6 + 3 + 3 digits,
a grid 3 more) under test cities 9xxx, so they never meet the demo's Chengdu (5101).

    community = CommunityFactory()                  # with its own street, district and city
    grid = GridFactory(parent=community)
"""

import factory

from wulian.areas.models import Area, Level


class _AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    path = factory.LazyAttribute(lambda a: f"{a.parent.path if a.parent else ''}{a.code}/")
    depth = factory.LazyAttribute(lambda a: a.parent.depth + 1 if a.parent else 0)
    is_urban = True


class CityFactory(_AreaFactory):
    level = Level.CITY
    parent = None
    code = factory.Sequence(lambda n: f"9{n % 1000:03d}00000000")
    name = factory.Sequence(lambda n: f"测试市{n}")


class DistrictFactory(_AreaFactory):
    level = Level.DISTRICT
    parent = factory.SubFactory(CityFactory)
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.parent.code[:4]}{n % 99 + 1:02d}000000")
    name = factory.Sequence(lambda n: f"测试区{n}")


class StreetFactory(_AreaFactory):
    level = Level.STREET
    parent = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.parent.code[:6]}{n % 999 + 1:03d}000")
    name = factory.Sequence(lambda n: f"测试街道{n}")


class CommunityFactory(_AreaFactory):
    level = Level.COMMUNITY
    parent = factory.SubFactory(StreetFactory)
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.parent.code[:9]}{n % 999 + 1:03d}")
    name = factory.Sequence(lambda n: f"测试社区{n}")


class GridFactory(_AreaFactory):
    level = Level.GRID
    parent = factory.SubFactory(CommunityFactory)
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.parent.code}{n % 999 + 1:03d}")
    name = factory.Sequence(lambda n: f"测试网格{n}")
