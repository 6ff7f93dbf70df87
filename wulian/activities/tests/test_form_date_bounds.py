"""A web form's start or end outside 2000…2100 is refused on the form, nothing saved (an end in
9999 was saved and then every page and API list showing it was a 500; year 1 was a 500 at once)."""

import pytest
from django.urls import reverse

from wulian.activities.models import Activity
from wulian.web.demo import HONGMENJIE


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field"),
    [
        ("2026-12-20T08:00", "9999-12-31T23:59", "ends_at"),
        ("0001-01-01T08:00", "2026-12-20T10:00", "starts_at"),
    ],
)
def test_a_date_out_of_range_is_refused_on_the_form(
    world, client, login, starts_at, ends_at, field
):
    before = Activity.objects.count()
    login("hongmenjie_admin")
    response = client.post(
        reverse("activities:create"),
        {
            "kind": "volunteer",
            "title": "越界活动",
            "organiser": world.orgs["huaxi"].pk,
            "area": HONGMENJIE,
            "place": "党群服务中心",
            "starts_at": starts_at,
            "ends_at": ends_at,
        },
    )
    assert response.status_code in (200, 400)
    assert "日期应在2000-01-01至2100-12-31之间。" in response.content.decode()
    assert list(response.context["form"].errors) == [field]
    assert Activity.objects.count() == before
