"""Ratings may be changed by their author within 7 days, never after."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.needs import services
from wulian.needs.models import Rating
from wulian.needs.tests.factories import NeedFactory, unit_provider
from wulian.needs.tests.helpers import claimed_hours_ago

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def sides():
    """A resident's need, and the contact of a unit nearby who serves it."""
    need = NeedFactory()
    contact, provider = unit_provider(need.community)
    return need, contact, provider


def _rated(sides):
    need, contact, provider = sides
    services.claim_need(need=need, by=contact, provider=provider)
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=contact, note="完成", hours=1)
    services.confirm_need(need=need, by=need.poster, score=3, comment="一般")
    return Rating.objects.get(need=need, side="resident")


def test_rating_is_editable_within_seven_days(sides):
    with time_machine.travel(START, tick=False) as traveller:
        rating = _rated(sides)
        traveller.shift(dt.timedelta(days=7))
        services.update_rating(rating=rating, by=sides[0].poster, score=5, comment="后来很满意")
    assert Rating.objects.values_list("score", "comment").get(pk=rating.pk) == (5, "后来很满意")


def test_rating_is_not_editable_after_seven_days(sides):
    with time_machine.travel(START, tick=False) as traveller:
        rating = _rated(sides)
        traveller.shift(dt.timedelta(days=7, seconds=1))
        with pytest.raises(ValidationError) as exc:
            services.update_rating(rating=rating, by=sides[0].poster, score=1)
    assert exc.value.message_dict == {"rating": ["评价已超过7天，不能再修改。"]}
    assert Rating.objects.values_list("score", "comment").get(pk=rating.pk) == (3, "一般")


def test_only_the_author_edits_a_rating(sides):
    rating = _rated(sides)
    with pytest.raises(PermissionDenied) as exc:
        services.update_rating(rating=rating, by=sides[1], score=1)
    assert str(exc.value) == "只能修改自己的评价。"
    assert Rating.objects.get(pk=rating.pk).score == 3
