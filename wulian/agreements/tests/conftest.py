import datetime as dt
import zoneinfo

import pytest
import time_machine

from wulian.agreements import services

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 10, 10, 0, tzinfo=SH)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def draft(world, clock):
    """A draft between 黉门街社区党委 and 华西医院 for 2026, with one clinic item (≥10 次/月)."""
    agreement = services.create_agreement(
        by=world.users["hongmenjie_admin"],
        party_org=world.orgs["hongmenjie"],
        unit=world.orgs["huaxi"],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        title="测试责任书",
    )
    services.add_item(
        agreement=agreement,
        by=world.users["hongmenjie_admin"],
        content="免费义诊",
        standard="专家坐诊",
        target_count=10,
        target_unit="次/月",
        responsible_org=world.orgs["huaxi"],
        responsible_person="王建国",
    )
    return agreement


@pytest.fixture
def in_force(world, draft):
    services.submit_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    services.confirm_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    return services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
