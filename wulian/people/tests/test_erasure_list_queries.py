"""The deletion requests' list and a user's own-data download make as many queries for three
rows as for one."""

import json

import pytest
from django.urls import reverse

from wulian.cases.models import Case
from wulian.core import counters
from wulian.notifications.models import Notification
from wulian.people import services
from wulian.people.models import ErasureRequest
from wulian.web.demo import HONGMENJIE
from wulian.web.testing import assert_flat_queries, query_guard

pytestmark = pytest.mark.django_db


def _requests(world, names):
    for name in names:
        person = services.create_person(
            by=None,
            name=name,
            phone=f"1399000{ord(name[0]) % 10000:04d}",
            home_area=world.areas[HONGMENJIE],
        )
        ErasureRequest.objects.create(person=person, area=person.home_area, reason="x")


@query_guard("people:erasure_list")
def test_erasure_list_is_flat(world, login, client):
    login("hongmenjie_admin")
    _requests(world, ["甲一"])
    assert_flat_queries(
        client, reverse("people:erasure_list"), lambda: _requests(world, ["乙二", "丙三"])
    )


@query_guard("accounts:my_data")
def test_own_data_download_is_flat(world, login, client):
    user = login("resident_demo")

    def add_rows():
        for title in ("一", "二"):
            Notification.objects.create(user=user, kind="test", title=title)
            counters.created(
                Case.objects.create(
                    area=world.areas[HONGMENJIE],
                    category="neighbourhood",
                    title=title,
                    description=title,
                    reporter=user.person,
                )
            )

    def listed(response) -> int:  # the items of every section that is a list
        return sum(
            len(rows) for rows in json.loads(response.content).values() if isinstance(rows, list)
        )

    assert_flat_queries(
        client, reverse("accounts:my_data", args=["json"]), add_rows, grows_by=4, rows=listed
    )
