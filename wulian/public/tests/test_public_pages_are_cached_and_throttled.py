"""Public pages sit in the shared cache for a short time (a change shows once it expires) and
are limited per address (429 with Retry-After)."""

from django.core.cache import cache
from django.urls import reverse

from wulian.resources.models import Resource
from wulian.web.demo import HONGMENJIE


def test_a_public_page_is_served_from_the_cache(world, client):
    url = reverse("public:area", args=[HONGMENJIE])
    first = client.get(url)
    assert first.status_code == 200
    assert "max-age=" in first["Cache-Control"]
    resource = Resource.objects.filter(area__code=HONGMENJIE, is_open=True).first()
    Resource.objects.filter(pk=resource.pk).update(name="改名后的资源")
    assert "改名后的资源" not in client.get(url).content.decode()  # still the cached page
    cache.clear()  # the timeout passed
    assert "改名后的资源" in client.get(url).content.decode()


def test_public_pages_are_throttled_per_address(world, client, settings):
    settings.WULIAN_RATE_PUBLIC_READ_IP = "3/m"
    url = reverse("public:area", args=[HONGMENJIE])
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
