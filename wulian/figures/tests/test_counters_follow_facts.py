"""Counters equal fresh aggregates after any sequence of fact changes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wulian.core import counters
from wulian.figures import services
from wulian.figures.selectors import counter_value
from wulian.orgs import services as org_services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

AREAS = [XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG]

step = st.one_of(
    st.tuples(
        st.just("create"),
        st.sampled_from(AREAS),
        st.sampled_from([Kind.AGENCY, Kind.NEW_SOCIAL, Kind.PRIVATE_FIRM]),
        st.sampled_from([PartyBody.BRANCH, PartyBody.NONE]),
    ),
    st.tuples(st.just("move"), st.integers(0, 20), st.sampled_from(AREAS), st.just(None)),
    st.tuples(
        st.just("rekind"),
        st.integers(0, 20),
        st.sampled_from([Kind.STATE_FIRM, Kind.SECTOR]),
        st.just(None),
    ),
    st.tuples(
        st.just("body"),
        st.integers(0, 20),
        st.sampled_from([PartyBody.COMMITTEE, PartyBody.GENERAL_BRANCH]),
        st.just(None),
    ),
    st.tuples(st.just("delete"), st.integers(0, 20), st.just(None), st.just(None)),
)


def _value(area, key):
    return counter_value(area, key)


@pytest.mark.django_db
def test_creating_an_org_counts_it_in_every_ancestor(world):
    area = world.areas[XIHUAMEN]
    chain = area.ancestors(include_self=True)
    before = [_value(a, "orgs.kind.agency") for a in chain]
    org_services.create_org(by=None, name="测试机关", kind=Kind.AGENCY, area=area)
    assert [_value(a, "orgs.kind.agency") for a in chain] == [b + 1 for b in before]
    assert services.check() == []


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=12))
@pytest.mark.django_db
def test_counters_equal_fresh_aggregates_after_any_sequence(world, steps):
    import datetime as dt

    from django.db import transaction

    areas = {code: world.areas[code] for code in AREAS}
    sid = transaction.savepoint()
    try:
        made: list[Org] = []
        for n, (verb, a, b, c) in enumerate(steps):
            if verb == "create":
                made.append(
                    org_services.create_org(
                        by=None, name=f"假设单位{n}", kind=b, area=areas[a], party_body=c
                    )
                )
                continue
            if not made:
                continue
            org = made[a % len(made)]
            org.refresh_from_db()
            if verb == "move":
                org.area = areas[b]
                with counters.tracking(org):
                    org.save()
            elif verb == "rekind":
                org.kind = b
                with counters.tracking(org):
                    org.save()
            elif verb == "body" and org.party_body != b:
                org_services.change_party_body(
                    org=org, by=None, to_body=b, changed_on=dt.date(2026, 1, 1)
                )
            elif verb == "delete":
                org.body_changes.all().delete()
                counters.deleted(org)
                org.delete()
                made.remove(org)
        assert services.check() == []
    finally:
        transaction.savepoint_rollback(sid)
