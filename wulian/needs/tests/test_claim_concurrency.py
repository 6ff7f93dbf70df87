"""32 providers claim one need at the same moment, in real parallel transactions: exactly one
holds it, the 31 others get the clear refusal, nobody gets anything else. The same test runs on
PostgreSQL in CI (DATABASE_URL=postgres://…)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wulian.accounts.models import Role, RoleKind, User
from wulian.audit.models import AuditEntry
from wulian.core import counters
from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.needs import services
from wulian.needs.models import Need, State
from wulian.needs.tests.helpers import post
from wulian.orgs.models import Kind, Org
from wulian.web.demo import HONGMENJIE

THREADS = 32


def _providers(world, n: int) -> list[User]:
    """n units in 黉门街社区, each with its own contact."""
    users = []
    for i in range(n):
        org = Org.objects.create(
            name=f"并发测试单位{i:02d}", kind=Kind.PRIVATE_FIRM, area=world.areas[HONGMENJIE]
        )
        counters.created(org)
        user = User.objects.create(username=f"race_{i:02d}")
        Role.objects.create(user=user, kind=RoleKind.UNIT_CONTACT, org=org)
        users.append(user)
    return users


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_thirty_two_simultaneous_claims_leave_exactly_one_claimer(world):
    need = post(world, title="并发接单测试")
    users = _providers(world, THREADS)
    barrier = threading.Barrier(THREADS)
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def claim(user: User) -> None:
        try:
            fresh_user = User.objects.get(pk=user.pk)
            fresh_need = Need.objects.get(pk=need.pk)
            barrier.wait(timeout=30)
            services.claim_need(need=fresh_need, by=fresh_user)
            result = ("won", user.username)
        except ValidationError as exc:
            result = ("refused", "；".join(exc.messages))
        except Exception as exc:  # anything else is a failure of the test
            result = ("error", repr(exc))
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    kinds = sorted(kind for kind, _ in outcomes)
    assert [o for o in outcomes if o[0] == "error"] == []
    assert kinds.count("won") == 1
    assert kinds.count("refused") == THREADS - 1
    assert {msg for kind, msg in outcomes if kind == "refused"} == {"该需求已被他人接单。"}
    winner = next(name for kind, name in outcomes if kind == "won")
    need.refresh_from_db()
    assert need.state == State.CLAIMED
    assert need.claimed_by_user.username == winner
    assert need.provider_org.name == Org.objects.get(roles__user__username=winner).name
    assert AuditEntry.objects.filter(action="need.claim", object_id=str(need.pk)).count() == 1
    assert_figures_consistent()
