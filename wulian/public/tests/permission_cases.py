"""Public pages: every role, and the anonymous visitor, gets 200."""

from wulian.evaluations.models import EvaluationRound, RoundState
from wulian.web.demo import CITY, HONGMENJIE
from wulian.web.testing import Target, UrlCase


def _round(world) -> list[Target]:
    return [Target({"pk": EvaluationRound.objects.filter(state=RoundState.PUBLISHED).first().pk})]


CASES = [
    UrlCase("public:index", action=None, expect=200),
    UrlCase(
        "public:area",
        action=None,
        targets=lambda w: [Target({"code": CITY}), Target({"code": HONGMENJIE})],
        expect=200,
    ),
    UrlCase(
        "public:area_json",
        action=None,
        targets=lambda w: [Target({"code": HONGMENJIE})],
        expect=200,
    ),
    UrlCase(
        "public:area_csv",
        action=None,
        targets=lambda w: [Target({"code": HONGMENJIE, "section": "resources"})],
        expect=200,
    ),
    UrlCase("public:round", action=None, targets=_round, expect=200),
]
