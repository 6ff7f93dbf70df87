"""Evaluation rounds built through ``evaluations.services`` by the system (no surprising
defaults): a draft round of a new community for 2031 with the service's default weights
(50 / 30 / 20); an open round also has the criteria ``UNIT`` + ``COMMUNITY`` below.

    rnd = RoundFactory(scope=street)
    rnd = OpenRoundFactory()            # criteria set, open for scores and surveys
    rnd = open_round(world.areas[XIHUAMEN])   # the same, over an area you hold
"""

import factory

from wulian.areas.tests.factories import CommunityFactory
from wulian.evaluations import services
from wulian.evaluations.models import EvaluationRound, Side

UNIT = [(Side.UNIT, "参与度", 60), (Side.UNIT, "实效", 40)]
COMMUNITY = [(Side.COMMUNITY, "服务", 100)]


class RoundFactory(factory.Factory):
    class Meta:
        model = EvaluationRound

    scope = factory.SubFactory(CommunityFactory)
    year = 2031

    @classmethod
    def _create(cls, model_class, **kwargs) -> EvaluationRound:
        return services.create_round(by=None, **kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("a round is created by the service: use RoundFactory() (create)")


class OpenRoundFactory(RoundFactory):
    @classmethod
    def _create(cls, model_class, **kwargs) -> EvaluationRound:
        rnd = super()._create(model_class, **kwargs)
        services.set_criteria(round=rnd, by=None, criteria=UNIT + COMMUNITY)
        return services.open_round(round=rnd, by=None)


def open_round(scope, year=2030, **kwargs):
    return OpenRoundFactory(scope=scope, year=year, **kwargs)
