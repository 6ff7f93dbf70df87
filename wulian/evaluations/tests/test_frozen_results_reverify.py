import json

import pytest

from wulian.core import counters
from wulian.evaluations.models import EvaluationRound, Result, Score
from wulian.evaluations.verification import verify_round


@pytest.mark.django_db
def test_demo_round_names_the_case_study_units_exemplary(world):
    rnd = EvaluationRound.objects.get(year=2025)
    exemplary = set(
        Result.objects.filter(round=rnd, exemplary=True).values_list("org__name", flat=True)
    )
    assert {"四川省住房和城乡建设厅", "四川省疾病预防控制中心"} <= exemplary


@pytest.mark.django_db
def test_published_results_reverify(world):
    v = verify_round(EvaluationRound.objects.get(year=2025))
    assert [(label, ok) for label, ok, _d in v.checks if not ok] == []
    assert v.ok is True


@pytest.mark.django_db
def test_tampered_frozen_json_is_detected(world):
    rnd = EvaluationRound.objects.get(year=2025)
    data = json.loads(rnd.frozen_json)
    data["inputs"]["scores"][0][3] = 100 - data["inputs"]["scores"][0][3]
    EvaluationRound.objects.filter(pk=rnd.pk).update(frozen_json=json.dumps(data))
    rnd.refresh_from_db()
    failed = [label for label, ok, _d in verify_round(rnd).checks if not ok]
    assert "冻结数据的SM3摘要" in failed


@pytest.mark.django_db
def test_a_changed_published_rank_is_detected(world):
    rnd = EvaluationRound.objects.get(year=2025)
    counters.update(Result.objects.filter(round=rnd, rank=1, side="unit"), rank=99)
    failed = [label for label, ok, _d in verify_round(rnd).checks if not ok]
    assert failed == ["公布的排名与冻结数据一致"]


@pytest.mark.django_db
def test_a_score_changed_after_publication_is_detected(world):
    rnd = EvaluationRound.objects.get(year=2025)
    Score.objects.filter(round=rnd).update(value=1)
    failed = [label for label, ok, _d in verify_round(rnd).checks if not ok]
    assert failed == ["评分与答卷在公布后未被改动"]
