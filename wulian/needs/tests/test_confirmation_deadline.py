"""A service marked done counts only once confirmed: by the resident, or, after the resident's
deadline (7 days), by the community's staff, who are told once and confirm or reject it."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.needs import selectors, services
from wulian.needs.models import CompensationEntry, State
from wulian.needs.tasks import watch_unconfirmed_needs
from wulian.needs.tests.helpers import huaxi, post, serve, state_of
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def _done(world, title="帮忙取药"):
    need = post(world, title=title)
    services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
    return serve(need, world.users["huaxi_contact"], hours="2")


def test_service_done_is_pending_until_confirmed_with_a_deadline(world, settings):
    settings.WULIAN_NEED_CONFIRM_DAYS = 7
    with time_machine.travel(START, tick=False):
        need = _done(world)
    assert (need.state, need.confirm_due_at) == (State.DONE, START + dt.timedelta(days=7))
    assert CompensationEntry.objects.filter(need=need).count() == 0
    pending = selectors.pending_needs(world.users["huaxi_contact"], org=world.orgs["huaxi"])
    assert list(pending.values_list("pk", flat=True)) == [need.pk]


def test_ledger_page_shows_the_pending_service_apart_from_the_balance(world, client, login):
    need = _done(world, title="待确认的服务")
    login("huaxi_contact")
    before = selectors.org_balance(world.orgs["huaxi"].pk)
    page = client.get(reverse("needs:ledger") + f"?org={world.orgs['huaxi'].pk}").content.decode()
    assert 'id="ledger-pending"' in page
    assert f'href="{reverse("needs:detail", args=[need.pk])}">待确认的服务</a>' in page
    assert selectors.org_balance(world.orgs["huaxi"].pk) == before


def test_staff_cannot_decide_before_the_deadline(world):
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        traveller.shift(dt.timedelta(days=6, hours=23))
        before = state_of(need)
        with pytest.raises(ValidationError) as exc:
            services.decide_need(need=need, by=world.users["hongmenjie_admin"], accept=True)
    assert exc.value.message_dict == {
        "need": ["群众确认期限至2026-03-09 09:00，期限届满前由群众确认。"]
    }
    assert state_of(need) == before


def test_overdue_confirmation_is_flagged_once_then_staff_confirm_and_the_provider_is_credited(
    world, django_capture_on_commit_callbacks
):
    admin = world.users["hongmenjie_admin"]
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        traveller.shift(dt.timedelta(days=7))
        with django_capture_on_commit_callbacks(execute=True):
            watch_unconfirmed_needs()
            watch_unconfirmed_needs()
        need.refresh_from_db()
        assert need.confirm_flagged_at == START + dt.timedelta(days=7)
        assert Notification.objects.filter(user=admin, kind="need.confirm_overdue").count() == 1
        services.decide_need(need=need, by=admin, accept=True, note="电话回访，老人确认已取药")
    assert (need.state, need.decided_by, need.decision_note) == (
        State.CONFIRMED,
        admin,
        "电话回访，老人确认已取药",
    )
    entry = CompensationEntry.objects.get(need=need)
    assert (entry.org, entry.hours, entry.points, entry.created_by) == (
        world.orgs["huaxi"],
        Decimal("2.0"),
        20,
        admin,
    )
    assert AuditEntry.objects.filter(action="need.decide", object_id=str(need.pk)).count() == 1


def test_staff_reject_needs_a_note_and_credits_nothing(world):
    admin = world.users["hongmenjie_admin"]
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        traveller.shift(dt.timedelta(days=8))
        before = state_of(need)
        with pytest.raises(ValidationError) as exc:
            services.decide_need(need=need, by=admin, accept=False, note="")
        assert exc.value.message_dict == {"note": ["请填写认定意见。"]}
        assert state_of(need) == before
        services.decide_need(need=need, by=admin, accept=False, note="经回访，服务未实际开展")
    assert (need.state, need.confirmed_at) == (State.REJECTED, None)
    assert CompensationEntry.objects.filter(need=need).count() == 0


def test_staff_outside_the_area_cannot_decide(world):
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        traveller.shift(dt.timedelta(days=8))
        before = state_of(need)
        with pytest.raises(PermissionDenied):
            services.decide_need(need=need, by=world.users["xihuamen_admin"], accept=True)
    assert state_of(need) == before


def test_resident_may_still_confirm_after_the_deadline_until_the_community_decides(world):
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        traveller.shift(dt.timedelta(days=9))
        services.confirm_need(need=need, by=world.users["resident_demo"], score=4)
        with pytest.raises(ValidationError) as exc:
            services.decide_need(
                need=need, by=world.users["hongmenjie_admin"], accept=False, note="x"
            )
    assert exc.value.message_dict == {"need": ["该需求当前状态为“已确认”，不能不予认定。"]}
    assert CompensationEntry.objects.filter(need=need).count() == 1


def test_decide_page_shows_only_after_the_deadline(world, client, login):
    with time_machine.travel(START, tick=False) as traveller:
        need = _done(world)
        login("hongmenjie_admin")
        assert (
            'id="decide-form"'
            not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
        )
        traveller.shift(dt.timedelta(days=7, minutes=1))
        login("hongmenjie_admin")  # the idle session has expired meanwhile
        assert (
            'id="decide-form"'
            in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
        )
        response = client.post(
            reverse("needs:decide", args=[need.pk]), {"accept": "0", "note": "未服务"}
        )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == State.REJECTED


def _served_figure(area) -> int:
    from wulian.figures.selectors import counter_value

    return counter_value(area, "needs.served")


def test_served_figure_counts_a_need_only_once_confirmed(world):
    from wulian.figures import services as figures

    community = world.areas["510107005008"]
    before = _served_figure(community)
    need = _done(world)
    assert _served_figure(community) == before
    services.confirm_need(need=need, by=world.users["resident_demo"], score=5)
    assert _served_figure(community) == before + 1
    assert figures.check() == []
