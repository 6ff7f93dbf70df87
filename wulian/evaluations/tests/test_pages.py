"""The pages and API of two-way evaluation, as residents, units and staff use them."""

import pytest
from django.urls import reverse

from wulian.evaluations.models import EvaluationRound, SurveyAnswer
from wulian.web.demo import CITY, HONGMENJIE


@pytest.mark.django_db
def test_resident_answers_the_survey_from_the_phone(world, client, login):
    rnd = EvaluationRound.objects.get(scope=world.areas[HONGMENJIE], year=2026)
    login("resident_demo")
    url = reverse("evaluations:survey", args=[rnd.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "四川省疾病预防控制中心" in page.content.decode()
    done = client.post(url, {"satisfaction": "5", f"u{world.orgs['cdc'].pk}": "4", "comment": "好"})
    assert done.status_code == 200
    assert "提交成功" in done.content.decode()
    again = client.post(url, {"satisfaction": "1"})
    assert again.status_code == 422
    assert "您已参加本轮满意度测评" in again.content.decode()
    assert SurveyAnswer.objects.filter(round=rnd).count() == 1


@pytest.mark.django_db
def test_resident_sees_the_published_round_of_her_city_and_verifies_it(world, client, login):
    rnd = EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)
    login("resident_demo")
    page = client.get(reverse("evaluations:verify", args=[rnd.pk]))
    assert page.status_code == 200
    assert "核验通过" in page.content.decode()


@pytest.mark.django_db
def test_detail_shows_ranking_and_exemplary_units(world, client, login):
    rnd = EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)
    login("xihuamen_admin")
    body = client.get(reverse("evaluations:detail", args=[rnd.pk])).content.decode()
    assert "四川省住房和城乡建设厅" in body
    assert "共驻共建先进单位" in body


@pytest.mark.django_db
def test_export_has_one_row_per_org(world, client, login):
    from io import BytesIO

    from openpyxl import load_workbook

    rnd = EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)
    login("city_admin")
    response = client.get(reverse("evaluations:export", args=[rnd.pk]))
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + rnd.results.count()
    assert rows[0][2] == "组织"


@pytest.mark.django_db
def test_api_round_detail_lists_results(world, client):
    from wulian.accounts.services import create_token

    rnd = EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)
    token = create_token(user=world.users["city_admin"], by=None)
    data = client.get(
        f"/api/v1/evaluations/rounds/{rnd.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert data["round"]["frozen_hash"] == rnd.frozen_hash
    assert len(data["results"]) == rnd.results.count()


@pytest.mark.django_db
def test_results_can_be_shown_for_a_part_of_the_scope(world, client, login):
    from wulian.web.demo import WUHOU

    rnd = EvaluationRound.objects.get(scope=world.areas[CITY], year=2025)
    login("city_admin")
    body = client.get(
        reverse("evaluations:detail", args=[rnd.pk]) + f"?area={WUHOU}"
    ).content.decode()
    assert "四川省疾病预防控制中心" in body
    assert "四川省住房和城乡建设厅" not in body.split('id="unit-results"')[1].split("</table>")[0]
