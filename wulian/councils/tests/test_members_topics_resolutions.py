import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.councils import services
from wulian.councils.models import Comment, Resolution
from wulian.web.demo import CITY, HONGMENJIE, QINGYUAN


def test_residents_and_members_raise_topics_and_comment(world, hongmenjie_council, topic):
    assert topic.raised_by_member.seat == 1
    comment = services.add_comment(
        by=world.users["huaxi_contact"], topic=topic, body="华西医院愿意出资一部分"
    )
    assert comment.member.seat == 4
    with pytest.raises(PermissionDenied):  # a resident of 西华门 on 黉门街's council
        services.add_comment(by=world.users["xihuamen_staff"], topic=topic, body="x")
    assert Comment.objects.filter(topic=topic).count() == 1


def test_a_passed_topic_becomes_a_resolution_and_a_project(world, topic):
    from wulian.funds import services as fund_services

    services.open_voting(by=None, topic=topic, quorum=1)
    services.cast_vote(by=world.users["resident_demo"], topic=topic, choice="yes")
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    admin = world.users["hongmenjie_admin"]
    resolution = services.resolve_topic(
        by=admin,
        topic=topic,
        text="3号楼加装电梯，社区资金补贴三成",
        decided_on=dt.date(2031, 5, 1),
    )
    fund = fund_services.create_fund(by=None, year=2031, kind="incentive", area=world.areas[CITY])
    fund_services.add_fund_source(
        by=None,
        fund=fund,
        department=world.orgs["dept_housing"],
        amount="500000",
        received_on=dt.date(2031, 1, 1),
    )
    allocation = fund_services.allocate(
        by=None,
        fund=fund,
        community=world.areas[HONGMENJIE],
        amount="200000",
        allocated_on=dt.date(2031, 2, 1),
    )
    services.resolution_to_project(
        by=admin,
        resolution=resolution,
        allocation=allocation,
        name="3号楼加装电梯",
        category="livelihood",
        budget="150000",
        beneficiaries=60,
    )
    resolution.refresh_from_db()
    assert (resolution.project.name, resolution.project.community) == (
        "3号楼加装电梯",
        world.areas[HONGMENJIE],
    )
    with pytest.raises(ValidationError):
        services.resolution_to_project(
            by=admin,
            resolution=resolution,
            allocation=allocation,
            name="again",
            category="livelihood",
            budget="1",
        )


def test_a_rejected_topic_has_no_resolution(world, topic):
    services.open_voting(by=None, topic=topic, quorum=1)
    services.cast_vote(by=world.users["resident_demo"], topic=topic, choice="no")
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.resolve_topic(by=None, topic=topic, text="x")
    assert exc.value.message_dict == {"text": ["只有表决通过的议题才能形成决议。"]}
    assert Resolution.objects.filter(topic=topic).count() == 0


def test_an_admin_of_another_community_cannot_manage_this_council(world, topic):
    with pytest.raises(PermissionDenied):
        services.open_voting(by=world.users["xihuamen_admin"], topic=topic)
    with pytest.raises(PermissionDenied):
        services.create_council(by=world.users["xihuamen_admin"], community=world.areas[QINGYUAN])
