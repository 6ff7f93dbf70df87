"""Issue 9, defect 5: a resident got 403 on the round and never saw its published results.
Residents (signed in) and the public (no login) read a published round's ranking and 先进单位 on
the public round page and on their area's public page; a round not yet published stays hidden."""

from django.urls import reverse

from wulian.evaluations.models import EvaluationRound, RoundState
from wulian.web.demo import CITY, HONGMENJIE


def _published():
    return EvaluationRound.objects.get(scope__code=CITY, year=2025, state=RoundState.PUBLISHED)


def test_resident_reads_the_published_round_of_their_city(world, client):
    client.force_login(world.users["resident_demo"])
    response = client.get(reverse("public:round", args=[_published().pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "共驻共建先进单位" in text
    assert "四川省住房和城乡建设厅" in text
    assert "四川省疾病预防控制中心" in text


def test_the_public_reads_it_without_login(world, client):
    response = client.get(reverse("public:round", args=[_published().pk]))
    assert response.status_code == 200
    assert "四川省疾病预防控制中心" in response.content.decode()


def test_the_residents_area_page_lists_the_results_of_its_units(world, client):
    client.force_login(world.users["resident_demo"])
    response = client.get(reverse("public:area", args=[HONGMENJIE]))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("public:round", args=[_published().pk]) in text
    assert "四川大学华西医院" in text
    assert "四川省疾病预防控制中心" in text


def test_an_open_round_is_not_shown(world, client):
    open_round = EvaluationRound.objects.exclude(state=RoundState.PUBLISHED).first()
    assert open_round is not None
    assert client.get(reverse("public:round", args=[open_round.pk])).status_code == 404
    assert (
        open_round.title
        not in client.get(reverse("public:area", args=[HONGMENJIE])).content.decode()
    )
