"""A duty list's name is put together in the language of the page that shows it."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_duty_lists_name_follows_the_language_of_the_page(world):
    from django.utils import translation

    from wulian.duties.models import DutyList

    duty_list = DutyList.objects.select_related("org").first()
    with translation.override("en"):
        assert "年" not in str(duty_list)
    with translation.override("zh-hans"):
        assert f"{duty_list.year}年" in str(duty_list)
