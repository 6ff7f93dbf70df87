"""An id or an area code that an API body names is looked up among what the caller may see
(``web.api_helpers.resolve``): one outside the caller's scope is refused exactly like one that does
not exist — the same 422 naming the field, in the same words, with no hint that it exists — and
nothing is written. One row per lookup that each app's API used to do on its own."""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.web.demo import HONGMENJIE, QINGYANG, QINGYUAN, WUHOU, XIHUAMEN, XIYUHE, YULIN

pytestmark = pytest.mark.django_db

UNKNOWN_ID = 999_999_999
UNKNOWN_CODE = "510105003999"


@dataclass
class Row:
    user: str
    url: str
    field: str
    body: Any  # (world, value) -> dict
    out_of_scope: Any  # world -> an id or code that exists outside the user's scope
    model: str  # what the endpoint would create
    unknown: Any = UNKNOWN_ID
    kwargs: Any = None  # world -> URL kwargs


def _org(key):
    return lambda w: w.orgs[key].pk


def _agreement(unit):
    def kwargs(world):
        from wulian.agreements.models import Agreement

        return {"pk": Agreement.objects.get(unit=world.orgs[unit], version=1).pk}

    return kwargs


def _item(world, **values) -> dict:
    return {
        "content": "义诊",
        "target_count": 1,
        "target_unit": "次/月",
        "responsible_org": world.orgs["huaxi"].pk,
        "responsible_person": "王建国",
        **values,
    }


def _library_hall(world):
    from wulian.resources.models import Resource

    return Resource.objects.get(org=world.orgs["library"], kind="venue").pk


def _decision(world):
    from wulian.meetings.models import Decision

    return {
        "pk": Decision.objects.filter(meeting__topic="西御河街道物业矛盾化解党建联席会议")
        .first()
        .pk
    }


def _wuhou_meeting(world):
    """A meeting not yet held in 玉林街道 (武侯区), out of 西御河街道's sight."""
    from wulian.meetings.tests.factories import JointMeetingFactory

    return JointMeetingFactory(area=world.areas[YULIN]).pk


def _person(world, **values) -> dict:
    return {"name": "林青", "phone": "13912345678", "home_area": XIHUAMEN, **values}


ROWS = {
    "orgs-area": Row(
        "xihuamen_admin",
        "api:org_create",
        "area",
        lambda w, v: {"name": "某单位", "kind": "private_firm", "area": v},
        lambda w: QINGYUAN,
        "orgs.Org",
        unknown=UNKNOWN_CODE,
    ),
    "orgs-line": Row(
        "xihuamen_admin",
        "api:org_create",
        "line",
        lambda w, v: {"name": "某单位", "kind": "private_firm", "area": XIHUAMEN, "line": v},
        _org("dept_culture"),
        "orgs.Org",
    ),
    "people-home-area": Row(
        "xihuamen_admin",
        "api:person_create",
        "home_area",
        lambda w, v: _person(w, home_area=v),
        lambda w: QINGYUAN,
        "people.Person",
        unknown=UNKNOWN_CODE,
    ),
    "people-party-org": Row(
        "xihuamen_admin",
        "api:person_create",
        "party_org",
        lambda w, v: _person(w, party_org=v),
        _org("huaxi"),
        "people.Person",
    ),
    "funds-area": Row(
        "qingyang_admin",
        "api:funds_fund_create",
        "area",
        lambda w, v: {"year": 2027, "kind": "guarantee", "area": v},
        lambda w: WUHOU,
        "funds.Fund",
        unknown=UNKNOWN_CODE,
    ),
    "alliances-org": Row(
        "xihuamen_admin",
        "api:alliances_create",
        "lead_org",
        lambda w, v: {"name": "新联盟", "lead_org": v},
        _org("huaxi"),
        "alliances.Alliance",
    ),
    "agreements-unit": Row(
        "hongmenjie_admin",
        "api:agreement_create",
        "unit",
        lambda w, v: {
            "party_org": w.orgs["hongmenjie"].pk,
            "unit": v,
            "start": "2027-01-01",
            "end": "2027-12-31",
        },
        _org("library"),
        "agreements.Agreement",
    ),
    "agreements-party-org": Row(
        "hongmenjie_admin",
        "api:agreement_create",
        "party_org",
        lambda w, v: {
            "party_org": v,
            "unit": w.orgs["huaxi"].pk,
            "start": "2027-01-01",
            "end": "2027-12-31",
        },
        _org("xihuamen"),
        "agreements.Agreement",
    ),
    "agreements-responsible-org": Row(
        "hongmenjie_admin",
        "api:agreement_item_add",
        "responsible_org",
        lambda w, v: _item(w, responsible_org=v),
        _org("library"),
        "agreements.ServiceItem",
        kwargs=_agreement("huaxi"),
    ),
    "agreements-resource": Row(
        "hongmenjie_admin",
        "api:agreement_item_add",
        "resource",
        lambda w, v: _item(w, kind="resource", resource=v),
        _library_hall,
        "agreements.ServiceItem",
        kwargs=_agreement("huaxi"),
    ),
    "resources-unit": Row(
        "xihuamen_admin",
        "api:resource_create",
        "org",
        lambda w, v: {
            "org": v,
            "name": "新车场",
            "kind": "parking",
            "area": XIHUAMEN,
            "capacity": 3,
        },
        _org("huaxi"),
        "resources.Resource",
    ),
    "dispatches-area": Row(
        "xiyuhe_admin",
        "api:dispatch_generate",
        "scope_area",
        lambda w, v: {"scope_area": v, "period": "2026-10"},
        lambda w: YULIN,
        "dispatches.Dispatch",
        unknown=UNKNOWN_CODE,
    ),
    "cases-area": Row(
        "xihuamen_admin",
        "api:case_create",
        "area",
        lambda w, v: {"category": "other", "title": "漏水", "description": "楼道漏水", "area": v},
        lambda w: QINGYUAN,
        "cases.Case",
        unknown=UNKNOWN_CODE,
    ),
    "councils-community": Row(
        "xihuamen_admin",
        "api:councils_create",
        "community",
        lambda w, v: {"community": v, "name": "议事会"},
        lambda w: HONGMENJIE,
        "councils.Council",
        unknown=UNKNOWN_CODE,
    ),
    "schedules-area": Row(
        "xiyuhe_admin",
        "api:schedule_create",
        "area",
        lambda w, v: {"area": v, "kind": "onsite_meeting", "day": 10},
        lambda w: YULIN,
        "schedules.Schedule",
        unknown=UNKNOWN_CODE,
    ),
    "assessments-area": Row(
        "qingyang_admin",
        "api:assessment_create",
        "area",
        lambda w, v: {"area": v, "year": 2027},
        lambda w: WUHOU,
        "assessments.IndicatorSystem",
        unknown=UNKNOWN_CODE,
    ),
    "meetings-area": Row(
        "qingyang_admin",
        "api:meeting_create",
        "area",
        lambda w, v: {
            "area": v,
            "topic": "联席会议",
            "place": "会议室",
            "starts_at": "2030-01-01T09:00:00+08:00",
            "ends_at": "2030-01-01T10:00:00+08:00",
        },
        lambda w: WUHOU,
        "meetings.JointMeeting",
        unknown=UNKNOWN_CODE,
    ),
    "meetings-to-meeting": Row(
        "xiyuhe_admin",
        "api:decision_forward",
        "to_meeting",
        lambda w, v: {"to_meeting": v},
        _wuhou_meeting,
        "meetings.AgendaItem",
        kwargs=_decision,
    ),
    "centres-community": Row(
        "xihuamen_admin",
        "api:centre_create",
        "community",
        lambda w, v: {"community": v, "name": "中心", "address": "某路1号"},
        lambda w: HONGMENJIE,
        "centres.Centre",
        unknown=UNKNOWN_CODE,
    ),
}
assert XIYUHE  # the users' own areas, for the reader: 西御河街道,
assert QINGYANG  # and 青羊区


def _post(client, world, row: Row, token: str, value):
    url = reverse(row.url, kwargs=row.kwargs(world) if row.kwargs else None)
    response = client.post(
        url,
        json.dumps(row.body(world, value)),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    body = response.json()
    errors = {
        field: [m.replace(str(value), "<value>") for m in messages]
        for field, messages in body.get("errors", {}).items()
    }
    return response.status_code, errors


def _state(row: Row) -> tuple[int, int]:
    return apps.get_model(row.model).objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize("name", list(ROWS))
def test_an_id_out_of_scope_is_refused_like_an_unknown_one(world, client, name):
    row = ROWS[name]
    token = create_token(user=world.users[row.user], by=None)
    outside = row.out_of_scope(world)
    before = _state(row)
    unknown = _post(client, world, row, token, row.unknown)
    out_of_scope = _post(client, world, row, token, outside)
    assert unknown[0] == 422
    assert list(unknown[1]) == [row.field]
    assert out_of_scope == unknown
    assert _state(row) == before
