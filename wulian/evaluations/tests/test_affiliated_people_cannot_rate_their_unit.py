"""People affiliated with a unit cannot rate it in the residents' satisfaction survey: members of
its party organization, its contacts (any role at it), and the responsible people named in its
agreements. They still answer for their community and the other units."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.accounts.models import User
from wulian.accounts.services import grant_role
from wulian.audit.models import AuditEntry
from wulian.evaluations import services
from wulian.evaluations.models import EvaluationRound, Respondent, SurveyAnswer, UnitRating
from wulian.people.services import create_person

pytestmark = pytest.mark.django_db


def _live(world):
    return EvaluationRound.objects.get(year=2026, scope=world.areas["510107005008"])


def _nothing_written():
    return (
        Respondent.objects.count(),
        SurveyAnswer.objects.count(),
        UnitRating.objects.count(),
        AuditEntry.objects.count(),
    )


def _refused(world, person, unit_key, message):
    before = _nothing_written()
    with pytest.raises(ValidationError) as exc:
        services.answer_survey(
            round=_live(world),
            by=None,
            person=person,
            satisfaction=5,
            unit_ratings={world.orgs[unit_key].pk: 5},
        )
    assert exc.value.message_dict == {"unit_ratings": [message]}
    assert _nothing_written() == before


def test_a_party_member_of_the_units_party_organization_cannot_rate_it(world):
    _refused(
        world,
        world.people["wang_jianguo"],
        "huaxi",
        "您是“四川大学华西医院”党组织的党员，不能评价本单位；其他内容可以照常填写。",
    )


def test_a_contact_of_the_unit_cannot_rate_it(world):
    person = create_person(
        by=None, name="疾控联络员", phone="13900030001", home_area=world.areas["510107005008"]
    )
    user = User.objects.create(username="cdc_contact", person=person)
    grant_role(user=user, kind="unit_contact", org=world.orgs["cdc"], by=None)
    _refused(
        world,
        person,
        "cdc",
        "您是“四川省疾病预防控制中心”的联络人，不能评价本单位；其他内容可以照常填写。",
    )


def test_a_responsible_person_named_in_the_units_agreement_cannot_rate_it(world):
    # 共享停车位's responsible person is "后勤保障部 刘明" in the 黉门街 × 华西医院 agreement.
    liu = create_person(
        by=None, name="刘明", phone="13900030002", home_area=world.areas["510107005008"]
    )
    _refused(
        world,
        liu,
        "huaxi",
        "您是“四川大学华西医院”共建协议的服务项目责任人，不能评价本单位；其他内容可以照常填写。",
    )
    services.answer_survey(
        round=_live(world),
        by=None,
        person=liu,
        satisfaction=4,
        unit_ratings={world.orgs["cdc"].pk: 4},
    )  # another unit: allowed


def test_an_unaffiliated_resident_rates_the_unit(world):
    answer = services.answer_survey(
        round=_live(world),
        by=None,
        person=world.people["li_xiuying"],
        satisfaction=5,
        unit_ratings={world.orgs["huaxi"].pk: 5},
    )
    assert list(answer.unit_ratings.values_list("unit_id", "satisfaction")) == [
        (world.orgs["huaxi"].pk, 5)
    ]


def test_the_survey_page_offers_no_rating_of_ones_own_unit(world, client, login):
    login("member_demo")  # 王建国, party member of 华西医院
    page = client.get(reverse("evaluations:survey", args=[_live(world).pk])).content.decode()
    huaxi, cdc = world.orgs["huaxi"].pk, world.orgs["cdc"].pk
    assert f'name="u{huaxi}"' not in page
    assert f'name="u{cdc}"' in page
    assert "您是该单位党组织的党员，不参与评价本单位" in page
