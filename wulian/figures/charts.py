"""ECharts options built as Python dicts (served as JSON; the page only calls setOption)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from wulian.figures import selectors

RED = [
    "#c62828",
    "#ef6c00",
    "#f9a825",
    "#2e7d32",
    "#1565c0",
    "#6a1b9a",
    "#00838f",
    "#4e342e",
    "#ad1457",
]


def _labels() -> dict[str, str]:
    return {k: str(label) for _t, items in selectors.SECTIONS for k, label in items}


def children_bar(d: selectors.Dashboard, *, dark: bool = False) -> dict:
    """Every child is labelled (``interval: 0``: ECharts would otherwise drop labels that collide,
    leaving districts unnamed on the big screen); many names are turned and the grid makes room
    for them (``containLabel``)."""
    names = [c.name for c, _v in d.children]
    series = [
        {"name": label, "type": "bar", "data": [v.get(key, 0) for _c, v in d.children]}
        for key, label in d.headline[:4]
    ]
    many = len(names) > 8
    return {
        "color": RED,
        "title": {"text": _("下级区域对比"), "textStyle": {"color": "#fff" if dark else "#333"}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 28, "textStyle": {"color": "#ddd" if dark else "#333"}},
        "grid": {"top": 70, "left": 20, "right": 20, "bottom": 10, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": names,
            "axisLabel": {
                "interval": 0,
                "rotate": 45 if many else 0,
                "fontSize": 11 if many else 12,
                "color": "#ddd" if dark else "#333",
                "hideOverlap": False,
            },
        },
        "yAxis": {"type": "value"},
        "dataZoom": [{"type": "inside"}] if len(names) > 40 else [],
        "series": series,
    }


def trend_line(d: selectors.Dashboard, *, dark: bool = False) -> dict:
    periods, values = selectors.trend(d.area)
    labels = _labels()
    return {
        "color": RED,
        "title": {
            "text": _("月度趋势"),
            "subtext": _("每月新增（累计数见上方卡片）"),
            "textStyle": {"color": "#fff" if dark else "#333"},
        },
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 28, "textStyle": {"color": "#ddd" if dark else "#333"}},
        "grid": {"top": 80, "left": 20, "right": 20, "bottom": 10, "containLabel": True},
        "xAxis": {"type": "category", "data": periods},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": labels.get(k, k), "type": "line", "smooth": True, "data": v}
            for k, v in values.items()
        ],
    }


def org_kinds_pie(d: selectors.Dashboard, *, dark: bool = False) -> dict:
    kinds = selectors.prefixed(d.figures, "orgs.kind.")
    # the kinds' names from the model that declares them (figures imports no other app's models)
    names = (
        dict(apps.get_model("orgs", "Org")._meta.get_field("kind").choices or [])
        if apps.is_installed("wulian.orgs")
        else {}
    )
    return {
        "color": RED,
        "title": {"text": _("组织类别"), "textStyle": {"color": "#fff" if dark else "#333"}},
        "tooltip": {"trigger": "item"},
        # Labels sit at the chart's edges, wrapped, inside the box (never cut by a narrow card).
        "series": [
            {
                "type": "pie",
                "radius": ["28%", "50%"],
                "center": ["50%", "56%"],
                "avoidLabelOverlap": True,
                "label": {
                    "color": "#ddd" if dark else "#333",
                    "formatter": "{b}\n{c}",
                    "alignTo": "edge",
                    "edgeDistance": 8,
                    "overflow": "break",
                    "width": 72,
                    "lineHeight": 14,
                    "minMargin": 4,
                    "fontSize": 11,
                },
                "labelLine": {"length": 8, "length2": 0, "maxSurfaceAngle": 80},
                "data": [
                    {"name": str(names.get(k, k)), "value": v}
                    for k, v in sorted(kinds.items())
                    if v
                ],
            }
        ],
    }


def all_charts(d: selectors.Dashboard, *, dark: bool = False) -> dict[str, dict]:
    return {
        "children": children_bar(d, dark=dark),
        "trend": trend_line(d, dark=dark),
        "kinds": org_kinds_pie(d, dark=dark),
    }
