"""Both sides confirming at the same moment: the locked row makes both count, and the agreement is
in force (real threads, real transactions)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from wulian.agreements import services
from wulian.agreements.models import Agreement, AgreementStatus
from wulian.figures.tests.helpers import assert_figures_consistent

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def test_simultaneous_confirmations_of_both_sides_put_it_in_force(world):
    admin, contact = world.users["hongmenjie_admin"], world.users["huaxi_contact"]
    agreement = services.create_agreement(
        by=admin,
        party_org=world.orgs["hongmenjie"],
        unit=world.orgs["huaxi"],
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        title="并发确认",
    )
    services.add_item(
        agreement=agreement,
        by=admin,
        content="义诊",
        target_count=10,
        target_unit="次/月",
        responsible_org=world.orgs["huaxi"],
        responsible_person="王建国",
    )
    services.submit_agreement(agreement=agreement, by=admin)
    errors: list[Exception] = []
    barrier = threading.Barrier(2)

    def confirm(user):
        try:
            barrier.wait()
            services.confirm_agreement(agreement=Agreement.objects.get(pk=agreement.pk), by=user)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in (admin, contact)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert (agreement.party_confirmed_by_id, agreement.unit_confirmed_by_id) == (
        admin.pk,
        contact.pk,
    )
    assert_figures_consistent()
