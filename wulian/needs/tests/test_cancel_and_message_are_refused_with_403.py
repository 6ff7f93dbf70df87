"""Cancelling a need and writing on it are object rights like the others: ``rules.can_cancel`` and
``rules.can_message``, refused with 403 by the service, the page and the API (before the body)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wulian.needs import rules, services
from wulian.needs.models import Need, NeedMessage, State
from wulian.needs.tests.helpers import huaxi, post
from wulian.web.testing import bearer


def test_only_the_poster_their_agent_or_area_staff_may_cancel(world):
    need = post(world)
    assert rules.can_cancel(world.users["resident_demo"], need) is True
    assert rules.can_cancel(world.users["hongmenjie_admin"], need) is True
    # 王建国 sees the need on his menu (registered in 黉门街社区), but it is not his.
    assert rules.can_cancel(world.users["member_demo"], need) is False


def test_cancelling_someone_elses_need_is_refused_with_403_and_changes_nothing(
    world, client, login
):
    need = post(world)
    member = world.users["member_demo"]
    with pytest.raises(PermissionDenied):
        services.cancel_need(need=need, by=member, reason="不需要了")
    login("member_demo")
    page = client.post(reverse("needs:cancel", args=[need.pk]), {"reason": "不需要了"})
    api = client.post(
        reverse("api:need_cancel", kwargs={"pk": need.pk}),
        data="not json",  # refused before the body is read
        content_type="application/json",
        **bearer(member),
    )
    assert (page.status_code, api.status_code) == (403, 403)
    assert Need.objects.get(pk=need.pk).state == State.POSTED


def test_the_cancel_button_shows_only_to_those_who_may_cancel(world, client, login):
    need = post(world)
    url = reverse("needs:cancel", args=[need.pk])
    login("member_demo")
    assert url not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    login("resident_demo")
    assert url in client.get(reverse("needs:detail", args=[need.pk])).content.decode()


def test_a_provider_who_only_sees_the_need_on_the_menu_may_not_write_on_it(world, client, login):
    need = post(world)
    contact = world.users["huaxi_contact"]
    assert rules.can_message(contact, need) is False
    assert rules.can_message(world.users["resident_demo"], need) is True
    with pytest.raises(PermissionDenied):
        services.post_need_message(need=need, by=contact, body="您好")
    login("huaxi_contact")
    page = client.post(reverse("needs:message", args=[need.pk]), {"body": "您好"})
    api = client.post(
        reverse("api:need_message_post", kwargs={"pk": need.pk}),
        data="not json",
        content_type="application/json",
        **bearer(contact),
    )
    assert (page.status_code, api.status_code) == (403, 403)
    assert NeedMessage.objects.filter(need=need).count() == 0


def test_the_provider_holding_the_need_may_write_on_it(world):
    need = post(world)
    contact = world.users["huaxi_contact"]
    services.claim_need(need=need, by=contact, provider=huaxi(world))
    assert rules.can_message(contact, need) is True
