import pytest
from django.core.exceptions import ValidationError

from wulian.accounts.models import RoleKind
from wulian.accounts.tests.factories import UserFactory
from wulian.areas.tests.factories import CommunityFactory
from wulian.evaluations import services
from wulian.evaluations.models import Criterion, EvaluationRound, Side
from wulian.evaluations.tests.factories import OpenRoundFactory, RoundFactory
from wulian.orgs.tests.factories import PartyOrgFactory


@pytest.fixture
def community(db):
    return CommunityFactory()


def test_round_weights_not_summing_to_100_are_refused_and_nothing_is_written(community):
    admin = UserFactory(role=RoleKind.COMMUNITY_ADMIN, org=PartyOrgFactory(leads=community))
    before = EvaluationRound.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.create_round(
            by=admin,
            scope=community,
            year=2031,
            weight_satisfaction=50,
            weight_criteria=30,
            weight_service=30,
        )
    assert exc.value.message_dict == {
        "weight_satisfaction": ["群众满意度、互评指标、服务实绩三项权重之和应为100%，现为110.00%。"]
    }
    assert EvaluationRound.objects.count() == before


def test_satisfaction_must_be_the_main_weight(community):
    with pytest.raises(ValidationError) as exc:
        services.create_round(
            by=None,
            scope=community,
            year=2031,
            weight_satisfaction=20,
            weight_criteria=60,
            weight_service=20,
        )
    assert list(exc.value.message_dict) == ["weight_satisfaction"]
    assert EvaluationRound.objects.filter(scope=community).count() == 0


def test_criteria_weights_per_side_must_sum_to_100(community):
    rnd = RoundFactory(scope=community)
    with pytest.raises(ValidationError) as exc:
        services.set_criteria(
            round=rnd,
            by=None,
            criteria=[(Side.UNIT, "甲", 60), (Side.UNIT, "乙", 30), (Side.COMMUNITY, "丙", 100)],
        )
    assert exc.value.message_dict["criteria"] == [
        "“驻区单位（由社区/街道评议）”的指标权重之和应为100%，现为90.00%。"
    ]
    assert Criterion.objects.filter(round=rnd).count() == 0


def test_weights_cannot_change_after_publication(community):
    rnd = services.publish_round(round=OpenRoundFactory(scope=community), by=None)
    with pytest.raises(ValidationError) as exc:
        services.set_weights(
            round=rnd, by=None, weight_satisfaction=60, weight_criteria=20, weight_service=20
        )
    assert exc.value.message_dict == {"state": ["结果已公布，权重不能再修改。"]}
    rnd.refresh_from_db()
    assert str(rnd.weight_satisfaction) == "50.00"
