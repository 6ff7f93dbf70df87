import pytest

from wulian.dispatches.letterhead import issuer_for, letterhead

pytestmark = pytest.mark.django_db


def test_issuers_and_letterheads_of_city_district_and_street(world):
    city = issuer_for(world.areas["510100000000"])
    district = issuer_for(world.areas["510105000000"])
    street = issuer_for(world.areas["510105003000"])
    assert (city, district, street) == (
        world.orgs["city_gc"],
        world.orgs["qingyang_gc"],
        world.orgs["xiyuhe"],
    )
    assert letterhead(city) == ("中共成都市委城乡社区发展治理委员会文件", "成社治委")
    assert letterhead(district) == ("中共成都市青羊区委城乡社区发展治理委员会文件", "青社治委")
    assert letterhead(street) == ("中共成都市青羊区西御河街道工作委员会文件", "西御河街工委")


def test_letterheads_can_be_set_per_issuer(world, settings):
    settings.WULIAN_LETTERHEADS = {
        world.orgs["city_gc"].name: ("中共成都市委社治委文件", "成委社治")
    }
    assert letterhead(world.orgs["city_gc"]) == ("中共成都市委社治委文件", "成委社治")
