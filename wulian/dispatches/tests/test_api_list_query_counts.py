"""Every list endpoint of duties and dispatches answers in the same number of queries for 1 and 3 rows."""

import datetime as dt

import pytest
from django.urls import reverse

from wulian.dispatches import services
from wulian.duties import services as duty_services
from wulian.duties.models import DutyKind
from wulian.web.testing import assert_flat_queries, bearer, query_guard

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


def _add(world, kind: str, i: int) -> None:
    if kind == "duties":
        duty_services.assign_duty(
            by=None,
            targets=[world.orgs["xiyuhe"]],
            kind=DutyKind.TASK,
            title="计数",
            assigned_on=dt.date(2026, 11, 2),
            due_on=dt.date(2026, 12, 31),
        )
    elif kind == "duty_lists":
        duty_services.create_duty_list(
            by=None, org=world.orgs["xiyuhe"], year=2040 + i, kind=DutyKind.TASK
        )
    elif kind == "dispatches":
        services.generate_monthly_dispatch(
            scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + i, 1)
        )
    elif kind == "rectifications":
        from wulian.dispatches.models import Dispatch

        d, _ = services.generate_monthly_dispatch(
            scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + i, 1)
        )
        services.add_criticism(
            by=None, dispatch=d, org=world.orgs["xiyuhe"], failure="x", deadline=FUTURE
        )
        Dispatch.objects.filter(pk=d.pk).update(
            status="published", doc_year=2025, doc_number=100 + i
        )
    elif kind == "inspections":
        services.create_inspection(
            by=None,
            kind="supervision",
            target=world.orgs["xiyuhe"],
            scheduled_on=dt.date(2026, 12, 1),
            inspector="计数",
            checklist=["台账"],
        )
    else:
        services.send_inquiry(
            by=None, to_org=world.orgs["xiyuhe"], subject="计数", question="q", reply_due=FUTURE
        )


API_LISTS = [
    ("duties", "api:duties", "?q=计数"),
    ("duty_lists", "api:duty_lists", "?kind=task"),
    ("dispatches", "api:dispatch_list", "?year=2025"),
    ("rectifications", "api:rectification_list", ""),
    ("inspections", "api:inspection_list", ""),
    ("inquiries", "api:inquiry_list", ""),
]


@query_guard(*(name for _, name, _ in API_LISTS))
@pytest.mark.parametrize(("kind", "name", "query"), API_LISTS)
def test_api_list_query_count_does_not_grow_with_rows(world, client, kind, name, query):
    _add(world, kind, 0)
    assert_flat_queries(
        client,
        reverse(name) + query,
        lambda: (_add(world, kind, 1), _add(world, kind, 2)),
        headers=bearer(world.users["qingyang_admin"]),
    )
