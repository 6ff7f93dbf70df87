"""Every list endpoint of duties and dispatches answers in the same number of queries for 1 and 3 rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wulian.accounts.services import create_token
from wulian.dispatches import services
from wulian.duties import services as duty_services
from wulian.duties.models import DutyKind

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


def _add(world, kind: str, i: int) -> None:
    if kind == "duties":
        duty_services.assign_duty(by=None, targets=[world.orgs["xiyuhe"]], kind=DutyKind.TASK, title="计数",
                                  assigned_on=dt.date(2026, 11, 2), due_on=dt.date(2026, 12, 31))
    elif kind == "duty_lists":
        duty_services.create_duty_list(by=None, org=world.orgs["xiyuhe"], year=2040 + i, kind=DutyKind.TASK)
    elif kind == "dispatches":
        services.generate_monthly_dispatch(scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + i, 1))
    elif kind == "rectifications":
        from wulian.dispatches.models import Dispatch

        d, _ = services.generate_monthly_dispatch(scope_area=world.areas["510105000000"], period=dt.date(2025, 1 + i, 1))
        services.add_criticism(by=None, dispatch=d, org=world.orgs["xiyuhe"], failure="x", deadline=FUTURE)
        Dispatch.objects.filter(pk=d.pk).update(status="published", doc_year=2025, doc_number=100 + i)
    elif kind == "inspections":
        services.create_inspection(by=None, kind="supervision", target=world.orgs["xiyuhe"],
                                   scheduled_on=dt.date(2026, 12, 1), inspector="计数", checklist=["台账"])
    else:
        services.send_inquiry(by=None, to_org=world.orgs["xiyuhe"], subject="计数", question="q", reply_due=FUTURE)


@pytest.mark.parametrize("kind,url", [
    ("duties", "/api/v1/duties/?q=计数"),
    ("duty_lists", "/api/v1/duties/lists/?kind=task"),
    ("dispatches", "/api/v1/dispatches/?year=2025"),
    ("rectifications", "/api/v1/dispatches/rectifications/"),
    ("inspections", "/api/v1/dispatches/inspections/"),
    ("inquiries", "/api/v1/dispatches/inquiries/"),
])
def test_api_list_query_count_does_not_grow_with_rows(world, client, kind, url):
    token = create_token(user=world.users["qingyang_admin"], by=None)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _add(world, kind, 0)
    count()  # the token's first use records last_used_at: warm up
    one = count()
    _add(world, kind, 1)
    _add(world, kind, 2)
    assert count() == one
