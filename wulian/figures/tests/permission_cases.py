"""The permission matrix's rows for the figures: dashboards, chart data, exports, big screen, API."""

from wulian.core.demo import HONGMENJIE, XIHUAMEN
from wulian.core.testing import Target, UrlCase


def _areas(world):
    return [Target({"code": XIHUAMEN}, area=world.areas[XIHUAMEN]),
            Target({"code": HONGMENJIE}, area=world.areas[HONGMENJIE])]


CASES = [
    UrlCase("figures:home", action="figures.view"),
    UrlCase("figures:dashboard", action="figures.view", targets=_areas, expect=200),
]
