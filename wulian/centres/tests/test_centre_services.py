"""Community staff set up and keep their 党群服务中心: hours, services, its resources; refusals
name the field and change nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.centres import services
from wulian.centres.forms import parse_hours
from wulian.centres.models import Centre, CentreHours
from wulian.resources.models import Resource
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

pytestmark = pytest.mark.django_db
T = dt.time


def _snapshot():
    return (
        list(Centre.objects.values_list("pk", "name", "address")),
        list(CentreHours.objects.values_list("pk")),
        AuditEntry.objects.count(),
    )


def test_community_staff_set_up_their_centre_run_by_the_community_party_org(world):
    Centre.objects.filter(community__code=XIHUAMEN).delete()
    centre = services.create_centre(
        by=world.users["xihuamen_staff"],
        community=world.areas[XIHUAMEN],
        name="西华门社区党群服务中心",
        address="西华门街18号",
        hours=[(0, T(9), T(12)), (0, T(14), T(17, 30))],
    )
    assert (centre.org, [str(h) for h in centre.hours.all()]) == (
        world.orgs["xihuamen"],
        ["周一 09:00-12:00", "周一 14:00-17:30"],
    )
    assert AuditEntry.objects.filter(action="centre.create", object_id=str(centre.pk)).count() == 1


def test_a_second_centre_in_a_community_or_one_outside_the_staffs_community_is_refused(world):
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.create_centre(
            by=world.users["xihuamen_admin"],
            community=world.areas[XIHUAMEN],
            name="又一个",
            address="y",
        )
    assert exc.value.message_dict == {"community": ["西华门社区已有党群服务中心。"]}
    with pytest.raises(PermissionDenied):
        services.create_centre(
            by=world.users["xihuamen_admin"],
            community=world.areas[ZHIQIANG],
            name="致强",
            address="y",
        )
    with pytest.raises(PermissionDenied):  # a street admin oversees but does not manage
        services.create_centre(
            by=world.users["xiyuhe_admin"],
            community=world.areas[ZHIQIANG],
            name="致强",
            address="y",
        )
    assert _snapshot() == before


def test_overlapping_or_backwards_hours_are_refused_with_the_day_named(world):
    centre = Centre.objects.get(community__code=QINGYUAN)
    before = _snapshot()
    with pytest.raises(ValidationError) as exc:
        services.update_centre(
            by=world.users["qingyuan_admin"],
            centre=centre,
            name=centre.name,
            address=centre.address,
            hours=[(2, T(9), T(12)), (2, T(11), T(15)), (4, T(18), T(9))],
        )
    assert exc.value.message_dict == {
        "hours": ["周五 18:00-09:00：结束时间应晚于开始时间。", "周三的开放时间有重叠。"]
    }
    assert _snapshot() == before


def test_hours_are_read_from_lines_and_a_bad_line_is_named():
    assert parse_hours("周一至周三 09:00-12:00、14:00-17:30\n周六 9:00-12:00") == [
        (0, T(9), T(12)),
        (1, T(9), T(12)),
        (2, T(9), T(12)),
        (0, T(14), T(17, 30)),
        (1, T(14), T(17, 30)),
        (2, T(14), T(17, 30)),
        (5, T(9), T(12)),
    ]
    with pytest.raises(ValidationError) as exc:
        parse_hours("周一 09:00-12:00\n每天上午")
    assert exc.value.messages == [
        "第2行“每天上午”无法识别，应写作“周一至周五 09:00-12:00、14:00-17:30”。"
    ]


def test_only_a_resource_in_the_community_can_be_linked(world):
    centre = Centre.objects.get(community__code=XIHUAMEN)
    elsewhere = Resource.objects.get(org=world.orgs["huaxi"], kind="parking")  # 黉门街社区
    before = list(centre.resources.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as exc:
        services.link_resource(by=world.users["xihuamen_admin"], centre=centre, resource=elsewhere)
    assert exc.value.message_dict == {"resource": ["只能关联本社区内的共享资源。"]}
    assert list(centre.resources.values_list("pk", flat=True)) == before
    hall = Resource.objects.get(org=world.orgs["library"], kind="venue")  # in 西华门社区
    services.link_resource(by=world.users["xihuamen_admin"], centre=centre, resource=hall)
    assert hall in centre.resources.all()


def test_a_duplicate_service_name_is_refused(world):
    centre = Centre.objects.get(community__code=HONGMENJIE)
    with pytest.raises(ValidationError) as exc:
        services.add_service(by=world.users["hongmenjie_admin"], centre=centre, name="专家义诊")
    assert exc.value.message_dict == {"name": ["已有名为“专家义诊”的服务。"]}
    assert list(centre.services.values_list("name", flat=True)) == ["专家义诊", "健康小屋"]
