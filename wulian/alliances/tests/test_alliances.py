import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.accounts.models import RoleKind
from wulian.accounts.tests.factories import UserFactory
from wulian.alliances import services
from wulian.alliances.models import AllianceActivity
from wulian.alliances.selectors import visible_alliances, with_alliance_figures
from wulian.alliances.tests.factories import AllianceFactory
from wulian.orgs.tests.factories import PartyOrgFactory, UnitFactory
from wulian.people.tests.factories import PersonFactory


@pytest.fixture
def leader(db):
    return PartyOrgFactory()  # leads a new community


@pytest.fixture
def units(leader):
    return {
        name: UnitFactory(name=name, area=leader.leads)
        for name in ("四川省图书馆", "成都博物馆", "收藏家协会")
    }


@pytest.fixture
def staff(leader):
    return UserFactory(role=RoleKind.COMMUNITY_STAFF, org=leader)


@pytest.fixture
def alliance(staff, leader, units):
    return services.create_alliance(
        by=staff,
        name="测试文博联盟",
        lead_org=leader,
        members=[units["四川省图书馆"], units["成都博物馆"]],
        founded_on=dt.date(2031, 1, 1),
    )


def test_an_alliance_is_led_by_the_areas_party_org_with_member_orgs(alliance, leader, units):
    assert alliance.area == leader.leads
    assert set(alliance.members.values_list("name", flat=True)) == {"四川省图书馆", "成都博物馆"}
    services.add_alliance_member(by=None, alliance=alliance, org=units["收藏家协会"])
    with pytest.raises(ValidationError) as exc:
        services.add_alliance_member(by=None, alliance=alliance, org=units["四川省图书馆"])
    assert exc.value.message_dict == {"org": ["四川省图书馆已是联盟成员。"]}


def test_a_unit_org_cannot_lead_an_alliance(db):
    with pytest.raises(ValidationError) as exc:
        services.create_alliance(by=None, name="x", lead_org=UnitFactory())
    assert exc.value.message_dict == {"lead_org": ["牵头组织必须是领导某一区域的党组织。"]}


def test_staff_elsewhere_cannot_create_an_alliance_here(leader):
    elsewhere = UserFactory(role=RoleKind.COMMUNITY_ADMIN, org=PartyOrgFactory())
    with pytest.raises(PermissionDenied):
        services.create_alliance(by=elsewhere, name="x", lead_org=leader)
    assert list(visible_alliances(elsewhere)) == []


def test_shared_activity_counts_attendance_from_names_or_a_head_count(
    alliance, staff, units, leader
):
    people = [PersonFactory(home_area=leader.leads), PersonFactory(home_area=leader.leads)]
    named = services.record_alliance_activity(
        by=None,
        alliance=alliance,
        kind="co_hosting",
        title="文博讲座",
        held_on=dt.date(2031, 3, 1),
        attendees=people,
        orgs=[units["成都博物馆"]],
    )
    counted = services.record_alliance_activity(
        by=None,
        alliance=alliance,
        kind="sharing",
        title="场馆开放",
        held_on=dt.date(2031, 3, 2),
        attendance=120,
    )
    assert (named.attendance, counted.attendance) == (2, 120)
    with pytest.raises(ValidationError) as exc:
        services.record_alliance_activity(
            by=None,
            alliance=alliance,
            kind="co_building",
            title="x",
            held_on=dt.date(2031, 3, 3),
            attendance=1,
            attendees=people,
        )
    assert exc.value.message_dict == {"attendance": ["参加人数（1）少于登记的参加人员（2人）。"]}
    with pytest.raises(ValidationError):
        services.record_alliance_activity(
            by=None,
            alliance=alliance,
            kind="co_building",
            title="x",
            held_on=dt.date(2031, 3, 3),
            attendance=-1,
        )
    assert AllianceActivity.objects.filter(alliance=alliance).count() == 2
    row = with_alliance_figures(visible_alliances(staff)).get(pk=alliance.pk)
    assert (row.member_count, row.activity_count) == (2, 2)


def test_a_member_units_contact_sees_the_alliance(alliance, units):
    member_contact = UserFactory(role=RoleKind.UNIT_CONTACT, org=units["四川省图书馆"])
    other_contact = UserFactory(role=RoleKind.UNIT_CONTACT, org=UnitFactory())
    assert list(visible_alliances(member_contact)) == [alliance]
    assert list(visible_alliances(other_contact).filter(pk=alliance.pk)) == []


def test_the_factory_makes_an_alliance_led_by_a_new_communitys_party_org(db):
    alliance = AllianceFactory()
    assert (alliance.area, alliance.members.count()) == (alliance.lead_org.leads, 0)
