"""The resident's phone layout has the language switch, as the staff layout does."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_resident_home_has_the_switch_and_it_switches(client, login, world):
    login("resident_demo")
    html = client.get(reverse("web:home")).content.decode()
    assert 'id="mobile-language"' in html
    assert 'name="language" value="en"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("web:home")).content.decode()
    assert 'name="language" value="zh-hans"' in html
    assert 'lang="en"' in html
