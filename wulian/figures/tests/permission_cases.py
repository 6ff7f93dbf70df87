"""The permission matrix's rows for the figures: dashboards, chart data, exports, big screen, API."""

from wulian.web.demo import HONGMENJIE, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _areas(world):
    return [
        Target({"code": XIHUAMEN}, area=world.areas[XIHUAMEN]),
        Target({"code": HONGMENJIE}, area=world.areas[HONGMENJIE]),
    ]


def _screen(world):
    from wulian.figures.screen import make_token

    return [Target({"token": make_token(area_code=XIHUAMEN)})]


def _links(world):
    from wulian.figures.models import ScreenLink
    from wulian.figures.screen import make_token, read_token

    token = make_token(area_code=XIHUAMEN)
    assert read_token(token) == XIHUAMEN
    link = ScreenLink.objects.order_by("-id").first()
    return [Target({"pk": link.pk}, area=world.areas[XIHUAMEN])]


CASES = [
    UrlCase("figures:home", action="figures.view"),
    UrlCase("figures:dashboard", action="figures.view", targets=_areas, expect=200),
    UrlCase("figures:charts", action="figures.view", targets=_areas, expect=200),
    UrlCase("figures:export", action="figures.export", targets=_areas, expect=200),
    UrlCase(
        "figures:screen_link",
        action="figures.share_screen",
        method="post",
        targets=_areas,
        expect=200,
    ),
    UrlCase("figures:screen_links", action="figures.share_screen", expect=200),
    UrlCase(
        "figures:screen_link_revoke",
        action="figures.share_screen",
        method="post",
        targets=_links,
        expect=302,
    ),
    # Public with a valid signature (see test_big_screen_link.py for tampered and expired links).
    UrlCase("figures:screen", action=None, targets=_screen, expect=200),
    UrlCase("figures:screen_data", action=None, targets=_screen, expect=200),
    UrlCase("api:figures_area", action="figures.view", api=True, targets=_areas, expect=200),
]
