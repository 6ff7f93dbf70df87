"""Unclaimed needs are flagged to the community's staff after 48 hours and escalated to the
street after a second period — each exactly once per need, however often the job runs."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from wulian.accounts.models import Role, RoleKind, User
from wulian.audit.models import AuditEntry
from wulian.needs import services
from wulian.needs.models import State
from wulian.needs.tasks import watch_unclaimed_needs
from wulian.needs.tests.helpers import huaxi, post
from wulian.notifications.models import Notification
from wulian.web.demo import YULIN

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def street_staff(world):
    user = User.objects.create(username="yulin_staff")
    Role.objects.create(user=user, kind=RoleKind.STREET_STAFF, org=world.orgs["yulin"])
    return user


def _notes(user, kind):
    return Notification.objects.filter(user=user, kind=kind).count()


def test_unclaimed_need_is_flagged_then_escalated_exactly_once(
    world, street_staff, settings, django_capture_on_commit_callbacks
):
    settings.WULIAN_NEED_FLAG_HOURS = 48
    settings.WULIAN_NEED_ESCALATE_HOURS = 24
    community_admin = world.users["hongmenjie_admin"]
    with time_machine.travel(START, tick=False) as traveller:
        need = post(world, title="无人接单的需求")
        traveller.shift(dt.timedelta(hours=47, minutes=59))
        with django_capture_on_commit_callbacks(execute=True):
            assert services.flag_stale_needs() == (0, 0)
        traveller.shift(dt.timedelta(minutes=1))
        with django_capture_on_commit_callbacks(execute=True):
            watch_unclaimed_needs()
            watch_unclaimed_needs()  # the job may run twice; the flag happens once
        need.refresh_from_db()
        assert need.flagged_at == timezone.now()
        assert need.escalated_at is None
        assert _notes(community_admin, "need.flagged") == 1
        assert _notes(street_staff, "need.escalated") == 0
        traveller.shift(dt.timedelta(hours=24))
        with django_capture_on_commit_callbacks(execute=True):
            watch_unclaimed_needs()
            watch_unclaimed_needs()
        traveller.shift(dt.timedelta(hours=24))
        with django_capture_on_commit_callbacks(execute=True):
            watch_unclaimed_needs()
        need.refresh_from_db()
        assert need.escalated_at == START + dt.timedelta(hours=72)
        assert (
            _notes(community_admin, "need.flagged"),
            _notes(street_staff, "need.escalated"),
        ) == (1, 1)
        assert (
            AuditEntry.objects.filter(
                object_id=str(need.pk), action__in=["need.flag", "need.escalate"]
            ).count()
            == 2
        )
        assert need.state == State.POSTED


def test_claimed_need_is_never_flagged(world, settings):
    settings.WULIAN_NEED_FLAG_HOURS = 48
    with time_machine.travel(START, tick=False) as traveller:
        need = post(world, title="很快被接单")
        services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
        traveller.shift(dt.timedelta(hours=100))
        assert services.flag_stale_needs() == (0, 0)
        need.refresh_from_db()
        assert (need.flagged_at, need.escalated_at) == (None, None)


def test_flag_period_is_configurable(world, settings):
    settings.WULIAN_NEED_FLAG_HOURS = 2
    with time_machine.travel(START, tick=False) as traveller:
        post(world, title="两小时")
        traveller.shift(dt.timedelta(hours=2))
        assert services.flag_stale_needs()[0] >= 1


def test_need_past_its_wished_end_expires(world):
    with time_machine.travel(START, tick=False) as traveller:
        need = post(world, title="周末帮忙", wished_until=START + dt.timedelta(days=1))
        traveller.shift(dt.timedelta(days=1, minutes=1))
        assert services.expire_needs() >= 1
        need.refresh_from_db()
        assert (need.state, need.expired_at) == (State.EXPIRED, timezone.now())
        assert services.expire_needs() == 0


def test_street_of_the_demo_need_is_yulin(world):
    assert post(world).street.code == YULIN
