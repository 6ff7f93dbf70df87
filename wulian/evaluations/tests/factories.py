"""Small helpers building rounds for tests (no surprising defaults)."""

from wulian.evaluations import services
from wulian.evaluations.models import Side

UNIT = [(Side.UNIT, "参与度", 60), (Side.UNIT, "实效", 40)]
COMMUNITY = [(Side.COMMUNITY, "服务", 100)]


def open_round(scope, year=2030, **kwargs):
    rnd = services.create_round(by=None, scope=scope, year=year, **kwargs)
    services.set_criteria(round=rnd, by=None, criteria=UNIT + COMMUNITY)
    return services.open_round(round=rnd, by=None)
