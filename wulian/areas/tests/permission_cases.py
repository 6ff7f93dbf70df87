"""The permission matrix's rows for the territory: pages and API."""

from wulian.web.demo import CITY, HONGMENJIE, QINGYUAN, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _areas(world) -> list[Target]:
    return [
        Target({"code": code}, area=world.areas[code])
        for code in (CITY, XIHUAMEN, QINGYUAN, HONGMENJIE)
    ]


def _communities(world) -> list[Target]:
    return [
        Target({"code": code}, area=world.areas[code]) for code in (XIHUAMEN, QINGYUAN, HONGMENJIE)
    ]


CASES = [
    UrlCase("areas:browse", action="area.view"),
    UrlCase("areas:detail", action="area.view", targets=_areas, expect=200),
    # An empty name: the error path (a message and back to the area), nothing is created.
    UrlCase(
        "areas:grid_create",
        action="area.create_grid",
        method="post",
        targets=_communities,
        data=lambda w: {"name": ""},
        expect=302,
    ),
    UrlCase("api:area_list", action="area.view", api=True, expect=200),
    UrlCase("api:area_detail", action="area.view", api=True, targets=_areas, expect=200),
]
