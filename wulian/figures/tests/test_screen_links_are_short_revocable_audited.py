"""Big-screen links (issue 16, defect 9): at most 30 days, listed and revocable by admins, and
both creation and revocation audited."""

import re

from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.figures.models import ScreenLink
from wulian.web.demo import XIHUAMEN


def _share(client, days):
    return client.post(reverse("figures:screen_link", args=[XIHUAMEN]), {"days": days})


def test_a_link_longer_than_30_days_is_refused_and_nothing_is_made(world, client, login):
    login("xihuamen_admin")
    before = (
        ScreenLink.objects.count(),
        AuditEntry.objects.filter(action="figures.share_screen").count(),
    )
    response = _share(client, 365)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("figures:dashboard", args=[XIHUAMEN]),
    )
    assert (
        ScreenLink.objects.count(),
        AuditEntry.objects.filter(action="figures.share_screen").count(),
    ) == before


def test_creation_and_revocation_are_audited_and_revoking_ends_the_link(world, client, login):
    admin = login("xihuamen_admin")
    page = _share(client, 30)
    assert page.status_code == 200
    url = re.search(
        r'id="screen-url" onclick="this.select\(\)"|value="([^"]+/screen/[^"]+/)"',
        page.content.decode(),
    )
    link = ScreenLink.objects.order_by("-id").first()
    assert (link.created_by, link.area.code) == (admin, XIHUAMEN)
    assert 29 * 86400 < (link.expires_at - link.created_at).total_seconds() <= 30 * 86400
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.object_id, entry.after["days"]) == (
        "figures.share_screen",
        admin.pk,
        str(link.pk),
        30,
    )
    token = page.context["url"].rstrip("/").rsplit("/", 1)[1]
    assert url is not None
    assert client.get(reverse("figures:screen", args=[token])).status_code == 200
    listing = client.get(reverse("figures:screen_links"))
    assert link in list(listing.context["links"])
    response = client.post(reverse("figures:screen_link_revoke", args=[link.pk]))
    assert response.status_code == 302
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.object_id) == (
        "figures.revoke_screen",
        admin.pk,
        str(link.pk),
    )
    client.logout()
    assert client.get(reverse("figures:screen", args=[token])).status_code == 404
    assert client.get(reverse("figures:screen_data", args=[token])).status_code == 404


def test_another_community_cannot_see_or_revoke_the_link(world, client, login):
    login("xihuamen_admin")
    _share(client, 7)
    link = ScreenLink.objects.order_by("-id").first()
    login("hongmenjie_admin")
    assert link not in list(client.get(reverse("figures:screen_links")).context["links"])
    assert client.post(reverse("figures:screen_link_revoke", args=[link.pk])).status_code == 404
    assert ScreenLink.objects.get(pk=link.pk).revoked_at is None
