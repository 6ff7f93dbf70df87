import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.alliances import services
from wulian.alliances.models import AllianceActivity
from wulian.alliances.selectors import visible_alliances, with_alliance_figures


@pytest.fixture
def alliance(world):
    return services.create_alliance(
        by=world.users["xihuamen_staff"], name="测试文博联盟", lead_org=world.orgs["xihuamen"],
        members=[world.orgs["library"], world.orgs["museum"]], founded_on=dt.date(2031, 1, 1))


def test_an_alliance_is_led_by_the_areas_party_org_with_member_orgs(world, alliance):
    assert alliance.area == world.orgs["xihuamen"].leads
    assert set(alliance.members.values_list("name", flat=True)) == {"四川省图书馆", "成都博物馆"}
    services.add_alliance_member(by=None, alliance=alliance, org=world.orgs["collectors"])
    with pytest.raises(ValidationError) as exc:
        services.add_alliance_member(by=None, alliance=alliance, org=world.orgs["library"])
    assert exc.value.message_dict == {"org": ["四川省图书馆已是联盟成员。"]}


def test_a_unit_org_cannot_lead_an_alliance(world):
    with pytest.raises(ValidationError) as exc:
        services.create_alliance(by=None, name="x", lead_org=world.orgs["library"])
    assert exc.value.message_dict == {"lead_org": ["牵头组织必须是领导某一区域的党组织。"]}


def test_staff_elsewhere_cannot_create_an_alliance_here(world):
    with pytest.raises(PermissionDenied):
        services.create_alliance(by=world.users["hongmenjie_admin"], name="x", lead_org=world.orgs["xihuamen"])


def test_shared_activity_counts_attendance_from_names_or_a_head_count(world, alliance):
    named = services.record_alliance_activity(
        by=None, alliance=alliance, kind="co_hosting", title="文博讲座", held_on=dt.date(2031, 3, 1),
        attendees=[world.people["zhang_min"], world.people["chen_li"]], orgs=[world.orgs["museum"]])
    counted = services.record_alliance_activity(by=None, alliance=alliance, kind="sharing", title="场馆开放",
                                                held_on=dt.date(2031, 3, 2), attendance=120)
    assert (named.attendance, counted.attendance) == (2, 120)
    with pytest.raises(ValidationError) as exc:
        services.record_alliance_activity(by=None, alliance=alliance, kind="co_building", title="x",
                                          held_on=dt.date(2031, 3, 3), attendance=1,
                                          attendees=[world.people["zhang_min"], world.people["chen_li"]])
    assert exc.value.message_dict == {"attendance": ["参加人数（1）少于登记的参加人员（2人）。"]}
    with pytest.raises(ValidationError):
        services.record_alliance_activity(by=None, alliance=alliance, kind="co_building", title="x",
                                          held_on=dt.date(2031, 3, 3), attendance=-1)
    assert AllianceActivity.objects.filter(alliance=alliance).count() == 2
    row = with_alliance_figures(visible_alliances(world.users["xihuamen_staff"])).get(pk=alliance.pk)
    assert (row.member_count, row.activity_count) == (2, 2)


def test_a_member_units_contact_sees_the_alliance(world, alliance):
    assert alliance in visible_alliances(world.users["library_contact"])
    assert list(visible_alliances(world.users["huaxi_contact"]).filter(pk=alliance.pk)) == []
