import pytest
from django.core.exceptions import ValidationError

from wulian.evaluations import services
from wulian.evaluations.models import Respondent, SurveyAnswer, UnitRating
from wulian.evaluations.tests.factories import open_round
from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.web.demo import HONGMENJIE, XIHUAMEN


@pytest.mark.django_db
def test_a_resident_answers_once_and_the_answer_names_no_one(world):
    rnd = open_round(world.areas[HONGMENJIE])
    resident = world.users["resident_demo"]
    answer = services.answer_survey(
        round=rnd, by=resident, satisfaction=5, unit_ratings={world.orgs["cdc"].pk: 4}
    )
    assert [f.name for f in SurveyAnswer._meta.concrete_fields if f.is_relation] == [
        "round",
        "community",
        "community_org",
    ]
    assert answer.community == world.areas[HONGMENJIE]
    assert list(
        UnitRating.objects.filter(answer=answer).values_list("unit_id", "satisfaction")
    ) == [(world.orgs["cdc"].pk, 4)]
    with pytest.raises(ValidationError) as exc:
        services.answer_survey(round=rnd, by=resident, satisfaction=1)
    assert exc.value.message_dict == {"person": ["您已参加本轮满意度测评，每人只能答一次。"]}
    assert SurveyAnswer.objects.filter(round=rnd).count() == 1
    assert Respondent.objects.filter(round=rnd).count() == 1


@pytest.mark.django_db
def test_a_resident_outside_the_area_is_refused(world):
    rnd = open_round(world.areas[XIHUAMEN])
    with pytest.raises(ValidationError) as exc:
        services.answer_survey(round=rnd, by=world.users["resident_demo"], satisfaction=5)
    assert exc.value.message_dict == {"person": ["您不住在本次评议范围内的社区，不能答卷。"]}
    assert SurveyAnswer.objects.filter(round=rnd).count() == 0


@pytest.mark.django_db
def test_rating_a_unit_of_another_community_is_refused(world):
    rnd = open_round(world.areas[HONGMENJIE])
    with pytest.raises(ValidationError) as exc:
        services.answer_survey(
            round=rnd,
            by=world.users["resident_demo"],
            satisfaction=5,
            unit_ratings={world.orgs["library"].pk: 5},
        )
    assert exc.value.message_dict == {"unit_ratings": ["所评单位不在您的社区。"]}
    assert Respondent.objects.filter(round=rnd).count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_parallel_answers_by_one_resident_give_one_row(world):
    import threading

    from django.db import connection

    rnd = open_round(world.areas[HONGMENJIE])
    user = world.users["resident_demo"]
    outcomes: list[str] = []

    def answer():
        try:
            services.answer_survey(round=rnd, by=user, satisfaction=4)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["person"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == sorted(["ok", "您已参加本轮满意度测评，每人只能答一次。"])
    assert SurveyAnswer.objects.filter(round=rnd).count() == 1
    assert_figures_consistent()
