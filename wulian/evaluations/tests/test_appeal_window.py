import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.evaluations import services
from wulian.evaluations.models import Appeal, EvaluationRound


@pytest.mark.django_db
def test_an_org_appeals_within_the_window_once(world):
    rnd = EvaluationRound.objects.get(year=2025)
    inside = rnd.appeal_until - dt.timedelta(hours=1)
    appeal = services.file_appeal(
        round=rnd,
        by=world.users["huaxi_contact"],
        org=world.orgs["huaxi"],
        reason="服务实绩未计入义诊次数。",
        now=inside,
    )
    assert appeal.state == "pending"
    with pytest.raises(ValidationError) as exc:
        services.file_appeal(
            round=rnd,
            by=world.users["huaxi_contact"],
            org=world.orgs["huaxi"],
            reason="再次",
            now=inside,
        )
    assert exc.value.message_dict == {"org": ["本单位已就本轮评议提出过申诉。"]}
    decided = services.decide_appeal(
        appeal=appeal, by=world.users["city_admin"], upheld=False, reply="经核实，已计入。"
    )
    assert decided.state == "rejected"


@pytest.mark.django_db
def test_an_appeal_after_the_window_is_refused_and_nothing_is_written(world):
    rnd = EvaluationRound.objects.get(year=2025)
    late = rnd.appeal_until + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as exc:
        services.file_appeal(
            round=rnd,
            by=world.users["huaxi_contact"],
            org=world.orgs["huaxi"],
            reason="晚了",
            now=late,
        )
    assert list(exc.value.message_dict) == ["round"]
    assert exc.value.message_dict["round"][0].startswith("申诉期已于")
    assert Appeal.objects.filter(round=rnd).count() == 0


@pytest.mark.django_db
def test_a_unit_cannot_appeal_for_another_unit(world):
    rnd = EvaluationRound.objects.get(year=2025)
    with pytest.raises(ValidationError) as exc:
        services.file_appeal(
            round=rnd,
            by=world.users["huaxi_contact"],
            org=world.orgs["cdc"],
            reason="x",
            now=rnd.appeal_until - dt.timedelta(days=1),
        )
    assert list(exc.value.message_dict) == ["org"]
