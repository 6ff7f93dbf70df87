"""Planning and editing activities: clear messages, nothing half-written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.activities import services
from wulian.activities.models import Activity
from wulian.web.demo import HONGMENJIE, XIHUAMEN

pytestmark = pytest.mark.django_db


def test_bad_input_names_each_field_and_writes_nothing(world):
    before = Activity.objects.count()
    start = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.create_activity(
            by=world.users["xihuamen_admin"],
            kind="dance",
            title="",
            organiser=world.orgs["huaxi"],
            area=world.areas[XIHUAMEN],
            place="",
            starts_at=start,
            ends_at=start,
        )
    assert exc.value.message_dict == {
        "kind": ["请选择活动类型（坝坝党课、流动红色讲堂或志愿服务）。"],
        "title": ["请填写活动名称。"],
        "place": ["请填写活动地点。"],
        "organiser": ["“四川大学华西医院”不在您的管辖范围内。"],
        "ends_at": ["结束时间应晚于开始时间。"],
    }
    assert Activity.objects.count() == before


def test_times_stay_once_someone_signed_in(world, activity):
    services.checkin(token=services.checkin_token(activity), by=world.users["member_demo"])
    with pytest.raises(ValidationError) as exc:
        services.update_activity(
            by=world.users["hongmenjie_admin"],
            activity=activity,
            kind="volunteer",
            title="健康讲座",
            organiser=world.orgs["huaxi"],
            place="黉门街社区党群服务中心",
            starts_at=activity.starts_at + dt.timedelta(days=1),
            ends_at=activity.ends_at + dt.timedelta(days=1),
        )
    assert exc.value.message_dict == {"starts_at": ["已有人员签到，不能再修改活动时间。"]}
    activity.refresh_from_db()
    assert activity.area == world.areas[HONGMENJIE]
    assert activity.signins.count() == 1
