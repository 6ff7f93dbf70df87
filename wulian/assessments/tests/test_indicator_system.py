"""An indicator system: weights sum to 100 (a clear error otherwise, nothing changed); the table
scores each org from the platform's figures and the manual scores, weights them and ranks with
ties sharing a rank; the export is the organisation department's table."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.assessments import selectors, services
from wulian.assessments.models import IndicatorSystem, Source
from wulian.web.demo import QINGYANG

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(world):
    return services.create_system(
        by=world.users["qingyang_admin"], area=world.areas[QINGYANG], year=2025
    )


def _names(system) -> list[str]:
    return [str(i) for i in system.indicators.all()]


def test_weights_must_sum_to_100(world, system):
    services.set_indicators(
        by=world.users["qingyang_admin"],
        system=system,
        indicators=[{"name": "满意度", "weight": 100, "source": "satisfaction"}],
    )
    with pytest.raises(ValidationError) as exc:
        services.set_indicators(
            by=world.users["qingyang_admin"],
            system=system,
            indicators=[
                {"name": "服务群众需求", "weight": 40, "source": "needs_served"},
                {"name": "满意度", "weight": 50, "source": "satisfaction"},
            ],
        )
    assert exc.value.message_dict == {"indicators": ["各项指标权重合计应为100，现为90。"]}
    assert _names(system) == ["满意度（100%）"]


def test_each_bad_row_is_named(world, system):
    with pytest.raises(ValidationError) as exc:
        services.set_indicators(
            by=world.users["qingyang_admin"],
            system=system,
            indicators=[
                {"name": "", "weight": 0, "source": "needs_served"},
                {"name": "满意度", "weight": 50, "source": "likes"},
                {"name": "满意度", "weight": 50, "source": "satisfaction"},
            ],
        )
    assert exc.value.message_dict == {
        "indicators": [
            "第1项：请填写指标名称。",
            "第1项：权重应为1到100的整数。",
            "第2项：数据来源“likes”不存在。",
            "第3项：指标“满意度”重复。",
        ]
    }
    assert _names(system) == []


def test_the_page_form_reads_lines_and_shows_the_error(world, system, client):
    client.force_login(world.users["qingyang_admin"])
    page = client.post(
        reverse("assessments:indicators", args=[system.pk]),
        {"indicators": "服务群众需求，30，服务群众需求（件）\n群众满意度，60，群众满意度"},
    )
    assert "各项指标权重合计应为100，现为90。" in page.content.decode()
    client.post(
        reverse("assessments:indicators", args=[system.pk]),
        {"indicators": "服务群众需求，40，服务群众需求（件）\n群众满意度，60，群众满意度"},
    )
    assert _names(system) == ["服务群众需求（40%）", "群众满意度（60%）"]


def test_competition_ranks_let_ties_share():
    totals = [Decimal("90"), Decimal("95"), Decimal("90"), Decimal("80")]
    assert selectors.competition_ranks(totals) == [2, 1, 2, 4]


def test_the_table_weights_figures_and_manual_scores(world, system, monkeypatch):
    xiyuhe, supo = world.orgs["xiyuhe"], world.orgs["supo"]
    paths = {xiyuhe.leads.path: "x", supo.leads.path: "s"}
    monkeypatch.setitem(
        selectors.FIGURES,
        Source.NEEDS_SERVED,
        lambda ps, year: {p: {"x": 10, "s": 40}[paths[p]] if p in paths else 0 for p in ps},
    )
    monkeypatch.setitem(
        selectors.FIGURES,
        Source.SATISFACTION,
        lambda ps, year: {
            p: {"x": Decimal("90"), "s": None}[paths[p]] if p in paths else None for p in ps
        },
    )
    ind = services.set_indicators(
        by=world.users["qingyang_admin"],
        system=system,
        indicators=[
            {"name": "服务群众需求", "weight": 20, "source": "needs_served"},
            {"name": "群众满意度", "weight": 50, "source": "satisfaction"},
            {"name": "实绩", "weight": 30, "source": "manual"},
        ],
    )
    services.score_manual(
        by=world.users["qingyang_admin"], indicator=ind[2], scores={xiyuhe.pk: "100", supo.pk: "50"}
    )
    rows = {r.org.pk: r for r in selectors.table(system).rows}
    # 西御河: needs 10 of the best 40 → 25; satisfaction 90; manual 100 → 5 + 45 + 30 = 80.
    assert (
        rows[xiyuhe.pk].values,
        rows[xiyuhe.pk].scores,
        rows[xiyuhe.pk].total,
        rows[xiyuhe.pk].rank,
    ) == (
        [10, Decimal("90"), Decimal("100.00")],
        [Decimal("25.00"), Decimal("90.00"), Decimal("100.00")],
        Decimal("80.00"),
        1,
    )
    # 苏坡: needs 100; no satisfaction published → 0; manual 50 → 20 + 0 + 15 = 35.
    assert (rows[supo.pk].total, rows[supo.pk].rank) == (Decimal("35.00"), 2)


def test_manual_scores_are_checked(world, system):
    ind = services.set_indicators(
        by=world.users["qingyang_admin"],
        system=system,
        indicators=[{"name": "实绩", "weight": 100, "source": "manual"}],
    )[0]
    with pytest.raises(ValidationError) as exc:
        services.score_manual(
            by=world.users["qingyang_admin"],
            indicator=ind,
            scores={
                world.orgs["xiyuhe"].pk: "120",
                world.orgs["supo"].pk: "abc",
                world.orgs["huaxi"].pk: "80",
            },
        )
    assert exc.value.message_dict == {
        "scores": [
            "中共成都市青羊区西御河街道工作委员会：得分应在0到100之间。",
            "中共成都市青羊区苏坡街道工作委员会：得分“abc”不是数字。",
            f"单位 {world.orgs['huaxi'].pk} 不是本次考核对象。",
        ]
    }
    assert ind.scores.count() == 0


def test_the_export_is_the_departments_table(world, client):
    system = IndicatorSystem.objects.get(area__code=QINGYANG)  # the demo's, with a 述职 graded 好
    client.force_login(world.users["qingyang_admin"])
    response = client.get(reverse("assessments:export", args=[system.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "序号")
    assert header == [
        "序号",
        "考核单位",
        "所在区域",
        "区域代码",
        "服务群众需求（权重20%）",
        "共建协议履约（权重20%）",
        "限期整改按期完成（权重15%）",
        "群众满意度（权重30%）",
        "党建引领基层治理实绩（权重15%）",
        "加权总分",
        "排名",
        "述职评议等次",
        "述职评议得分",
    ]
    table = selectors.table(system)
    body = rows[rows.index(header) + 1 :]
    assert [(r[1], r[9], r[10], r[11]) for r in body] == [
        (
            row.org.name,
            float(row.total),
            row.rank,
            row.report.get_grade_display() if row.report else None,
        )
        for row in table.rows
    ]
    assert ("中共成都市青羊区西御河街道工作委员会", "好") in [(r[1], r[11]) for r in body]


def test_the_figures_are_read_from_the_apps(world, system):
    """2025's published two-way evaluation (demo) gives 西御河 93.33 and 苏坡 86.67 satisfaction;
    this year's agreements give 西御河 the agreements' own fulfilment rate."""
    services.set_indicators(
        by=world.users["qingyang_admin"],
        system=system,
        indicators=[{"name": "群众满意度", "weight": 100, "source": "satisfaction"}],
    )
    rows = [(r.org.name, r.total, r.rank) for r in selectors.table(system).rows]
    assert rows == [
        ("中共成都市青羊区西御河街道工作委员会", Decimal("93.33"), 1),
        ("中共成都市青羊区苏坡街道工作委员会", Decimal("86.67"), 2),
    ]
    from django.utils import timezone

    from wulian.agreements.selectors import fulfilled_rate_in_year

    current = IndicatorSystem.objects.get(area__code=QINGYANG, year=timezone.localdate().year)
    xiyuhe = next(r for r in selectors.table(current).rows if r.org == world.orgs["xiyuhe"])
    path = world.orgs["xiyuhe"].leads.path
    assert xiyuhe.values[1] == fulfilled_rate_in_year([path], current.year)[path] > 0
