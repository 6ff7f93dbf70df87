"""A provider told of a new need who opens the link after someone else took it gets a short page
(title and state only), not a 404; anyone the need was never offered to still gets 404."""

import pytest
from django.urls import reverse

from wulian.needs.models import Need, State
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_member_told_of_a_need_taken_since_gets_a_short_page(client, world):
    note = (
        Notification.objects.filter(user__username="member_demo", url__startswith="/needs/")
        .order_by("pk")
        .first()
    )
    need = Need.objects.get(pk=int(note.url.strip("/").split("/")[-1]))
    assert need.state != State.POSTED
    client.force_login(note.user)
    response = client.get(note.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="need-gone"' in html
    assert need.title in html
    assert need.posted_by.name not in html


def test_someone_the_need_was_never_offered_to_gets_404(client, login, world):
    need = Need.objects.exclude(state=State.POSTED).exclude(community__code="510105003003").first()
    login("xihuamen_admin")
    assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 404
