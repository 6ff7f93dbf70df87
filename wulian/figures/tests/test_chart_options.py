"""Dashboard charts: every district is labelled, pie labels stay inside their box, and only monthly
flows (never cumulative totals or states) sit on the month axis. The pages carry no inline script."""

import re
from pathlib import Path

import pytest

from wulian.areas.models import Area
from wulian.figures import charts, selectors

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_district_of_the_city_is_labelled(world):
    d = selectors.dashboard(Area.objects.get(code="510100000000"))
    option = charts.children_bar(d, dark=True)
    assert len(option["xAxis"]["data"]) == 20
    assert option["xAxis"]["axisLabel"]["interval"] == 0
    assert option["xAxis"]["axisLabel"]["rotate"] == 45
    assert option["grid"]["containLabel"] is True
    assert option["dataZoom"] == []


def test_pie_labels_are_aligned_to_the_edge_and_wrapped(world):
    d = selectors.dashboard(Area.objects.get(code="510100000000"))
    series = charts.org_kinds_pie(d)["series"][0]
    assert series["label"]["alignTo"] == "edge"
    assert series["label"]["overflow"] == "break"
    assert series["radius"] == ["28%", "50%"]


def test_no_total_or_state_is_drawn_on_the_month_axis(world):
    d = selectors.dashboard(Area.objects.get(code="510100000000"))
    names = [s["name"] for s in charts.trend_line(d)["series"]]
    assert "组织总数" not in names
    assert "逾期未完成" not in names
    assert selectors.TREND_KEYS == [
        "needs.posted",
        "needs.served",
        "resources.bookings",
        "meetings.held",
        "cases.resolved",
        "evaluations.answers",
    ]


def test_no_template_holds_an_inline_script_or_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(
            r"\son(click|change|submit|load)=", text
        ):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []
