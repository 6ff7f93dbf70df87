import datetime as dt

import pytest
from django.utils import timezone

from wulian.activities import services
from wulian.web.demo import HONGMENJIE


@pytest.fixture
def activity(world):
    """华西医院's 志愿服务 in 黉门街社区, started half an hour ago, nobody signed in yet."""
    start = timezone.now() - dt.timedelta(minutes=30)
    return services.create_activity(
        by=world.users["hongmenjie_admin"],
        kind="volunteer",
        title="健康讲座",
        organiser=world.orgs["huaxi"],
        area=world.areas[HONGMENJIE],
        place="黉门街社区党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
