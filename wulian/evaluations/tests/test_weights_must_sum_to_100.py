import pytest
from django.core.exceptions import ValidationError

from wulian.evaluations import services
from wulian.evaluations.models import Criterion, EvaluationRound, Side
from wulian.web.demo import XIHUAMEN


@pytest.mark.django_db
def test_round_weights_not_summing_to_100_are_refused_and_nothing_is_written(world):
    before = EvaluationRound.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.create_round(by=world.users["city_admin"], scope=world.areas[XIHUAMEN], year=2031,
                              weight_satisfaction=50, weight_criteria=30, weight_service=30)
    assert exc.value.message_dict == {"weight_satisfaction": ["群众满意度、互评指标、服务实绩三项权重之和应为100%，现为110.00%。"]}
    assert EvaluationRound.objects.count() == before


@pytest.mark.django_db
def test_satisfaction_must_be_the_main_weight(world):
    with pytest.raises(ValidationError) as exc:
        services.create_round(by=None, scope=world.areas[XIHUAMEN], year=2031,
                              weight_satisfaction=20, weight_criteria=60, weight_service=20)
    assert "weight_satisfaction" in exc.value.message_dict


@pytest.mark.django_db
def test_criteria_weights_per_side_must_sum_to_100(world):
    rnd = services.create_round(by=None, scope=world.areas[XIHUAMEN], year=2031)
    with pytest.raises(ValidationError) as exc:
        services.set_criteria(round=rnd, by=None, criteria=[
            (Side.UNIT, "甲", 60), (Side.UNIT, "乙", 30), (Side.COMMUNITY, "丙", 100)])
    assert exc.value.message_dict["criteria"] == ["“驻区单位（由社区/街道评议）”的指标权重之和应为100%，现为90.00%。"]
    assert Criterion.objects.filter(round=rnd).count() == 0


@pytest.mark.django_db
def test_weights_cannot_change_after_publication(world):
    rnd = EvaluationRound.objects.get(year=2025)
    with pytest.raises(ValidationError) as exc:
        services.set_weights(round=rnd, by=None, weight_satisfaction=60, weight_criteria=20, weight_service=20)
    assert exc.value.message_dict == {"state": ["结果已公布，权重不能再修改。"]}
    rnd.refresh_from_db()
    assert str(rnd.weight_satisfaction) == "50.00"
