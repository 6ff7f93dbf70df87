"""Ranking: equal totals share a rank (并列: 1, 1, 3); units, streets and communities are ranked in
separate tables. A round published with the earlier method still re-verifies with that method."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from wulian.evaluations import scoring, services
from wulian.evaluations.models import Result
from wulian.evaluations.tests.factories import open_round
from wulian.evaluations.verification import verify_round


def _inputs(orgs, satisfaction, share=34, floor="85"):
    return {
        "round": {
            "weights": {"satisfaction": "100", "criteria": "0", "service": "0"},
            "exemplary_share": share,
            "exemplary_min": floor,
        },
        "criteria": [],
        "scores": [],
        "service": {},
        "orgs": orgs,
        "satisfaction": {str(oid): [stars, 1] for oid, stars in satisfaction.items()},
    }


def _org(oid, name, side="unit", level=None):
    org = {"id": oid, "name": name, "side": side, "area": f"a{oid}"}
    if level:
        org["level"] = level
    return org


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    orgs = [_org(1, "甲"), _org(2, "乙"), _org(3, "丙"), _org(4, "丁")]
    rows = scoring.compute(_inputs(orgs, {1: 5, 2: 5, 3: 4, 4: 5}))
    assert [(r["name"], r["total"], r["rank"]) for r in rows] == [
        ("丁", "100.00", 1),
        ("乙", "100.00", 1),
        ("甲", "100.00", 1),
        ("丙", "80.00", 4),
    ]


def test_streets_and_communities_are_ranked_in_separate_groups():
    orgs = [
        _org(1, "西御河街道党工委", "community", "street"),
        _org(2, "苏坡街道党工委", "community", "street"),
        _org(3, "西华门社区党委", "community", "community"),
        _org(4, "清源社区党委", "community", "community"),
    ]
    rows = scoring.compute(_inputs(orgs, {1: 4, 2: 3, 3: 3, 4: 5}))
    assert [(r["group"], r["name"], r["rank"]) for r in rows] == [
        ("community", "清源社区党委", 1),
        ("community", "西华门社区党委", 2),
        ("street", "西御河街道党工委", 1),
        ("street", "苏坡街道党工委", 2),
    ]


def test_a_tie_at_the_exemplary_quota_honours_every_tied_unit():
    orgs = [_org(i, f"单位{i}") for i in range(1, 7)]
    # Quota: 34 % of 6 units = 2; the 2nd place is shared by three units, all at 90.
    rows = scoring.compute(
        _inputs(orgs, {1: 5, 2: Decimal("4.5"), 3: Decimal("4.5"), 4: Decimal("4.5"), 5: 4, 6: 3})
    )
    assert sorted((r["org"], r["rank"], r["exemplary"]) for r in rows) == [
        (1, 1, True),
        (2, 2, True),
        (3, 2, True),
        (4, 2, True),
        (5, 5, False),
        (6, 6, False),
    ]


def test_the_first_method_still_ranks_by_name_for_rounds_published_with_it():
    orgs = [_org(1, "甲"), _org(2, "乙")]
    rows = scoring.compute(_inputs(orgs, {1: 5, 2: 5}), method=scoring.METHOD_V1)
    assert [(r["name"], r["rank"]) for r in rows] == [("乙", 1), ("甲", 2)]
    assert "group" not in rows[0]


@pytest.mark.django_db
def test_a_round_published_with_the_first_method_still_reverifies(world, monkeypatch):
    rnd = open_round(world.areas["510105000000"], year=2032)
    with monkeypatch.context() as m:  # published by the code of method 1
        m.setattr(scoring, "METHOD", scoring.METHOD_V1)
        services.publish_round(round=rnd, by=None)
    rnd.refresh_from_db()
    assert json.loads(rnd.frozen_json)["method"] == scoring.METHOD_V1
    # Method 1 broke the ties by name: no two units share a rank.
    ranks = list(Result.objects.filter(round=rnd, side="unit").values_list("rank", flat=True))
    assert sorted(ranks) == list(range(1, len(ranks) + 1))
    v = verify_round(rnd)
    assert [(label, ok) for label, ok, _d in v.checks if not ok] == []


@pytest.mark.django_db
def test_published_page_and_export_show_units_streets_and_communities_apart(world, client, login):
    import io

    from openpyxl import load_workbook

    rnd = open_round(
        world.areas["510105000000"], year=2031
    )  # 青羊区: two streets, their communities
    services.publish_round(round=rnd, by=None)
    login("qingyang_admin")
    page = client.get(reverse("evaluations:detail", args=[rnd.pk])).content.decode()
    assert 'id="unit-results"' in page
    assert 'id="street-results"' in page
    assert 'id="community-results"' in page
    assert "并列" in page  # nothing was scored: every total is 0.00 and shares the first place
    groups = dict(Result.objects.filter(round=rnd).values_list("org__name", "rank"))
    assert groups["中共成都市青羊区西御河街道工作委员会"] == 1
    assert groups["西华门社区党委"] == 1
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("evaluations:export", args=[rnd.pk])).content)
    ).active
    header = [c.value for c in sheet[1]]
    assert header[5:7] == ["类别", "排名类别"]
    kinds = {row[2]: row[6] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (
        kinds["西华门社区党委"],
        kinds["中共成都市青羊区西御河街道工作委员会"],
        kinds["四川省图书馆"],
    ) == ("社区", "街道", "驻区单位")
