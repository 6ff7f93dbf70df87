"""Free text a unit typed (a resource's location) is published with its phone, ID numbers and
e-mail addresses masked: on the page, in data.json and in the section's CSV."""

import json

from django.core.cache import cache
from django.urls import reverse

from wulian.resources.models import Resource
from wulian.web.demo import HONGMENJIE

TYPED = (
    "国学巷37号 联系王建国 13800001111 身份证510107195808212026 座机028-87654321 wjg@example.com"
)
SHOWN = "国学巷37号 联系王建国 138****1111 身份证51**************** 座机**** w***@example.com"


def test_a_resources_location_is_published_masked(world, client):
    resource = Resource.objects.filter(area__code=HONGMENJIE, is_open=True).first()
    Resource.objects.filter(pk=resource.pk).update(location=TYPED)
    cache.clear()
    data = json.loads(client.get(reverse("public:area_json", args=[HONGMENJIE])).content)
    assert [r["location"] for r in data["sections"]["resources"] if r["name"] == resource.name] == [
        SHOWN
    ]
    for url in (
        reverse("public:area_csv", args=[HONGMENJIE, "resources"]),
        reverse("public:area", args=[HONGMENJIE]),
    ):
        text = client.get(url).content.decode("utf-8-sig")
        assert "13800001111" not in text
        assert "510107195808212026" not in text
        assert "wjg@" not in text
        assert "138****1111" in text
    assert Resource.objects.get(pk=resource.pk).location == TYPED
