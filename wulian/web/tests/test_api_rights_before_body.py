"""Every API endpoint that acts on an existing object with a JSON body checks the caller's right
and scope before it reads the body (``read_body`` after ``fetch``): a caller with no right over the
object gets 403, one who cannot see it 404, whatever the body; only a caller who may act on it
learns what is wrong with the body (422). Nothing changes in any case.

The roles, objects and expectations are the permission matrix's (``test_permission_matrix``): each
endpoint's row there names its action and the objects it is tried on, in scope of some roles and
out of scope of others."""

import functools
import json
import re

import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.accounts.tests import test_permission_matrix as matrix
from wulian.api import api

pytestmark = pytest.mark.django_db

#: (URL name, method) of every operation on an existing object that reads a JSON body.
ENDPOINTS = [
    ("api:activity_signin_add", "post"),
    ("api:activity_update", "put"),
    ("api:agreement_end", "post"),
    ("api:agreement_item_add", "post"),
    ("api:agreement_item_update", "patch"),
    ("api:delivery_confirm", "post"),
    ("api:delivery_create", "post"),
    ("api:delivery_reject", "post"),
    ("api:alliances_activity_create", "post"),
    ("api:alliances_led_activity_create", "post"),
    ("api:alliances_member_add", "post"),
    ("api:alliances_part_time_renew", "post"),
    ("api:assessment_indicators", "put"),
    ("api:assessment_scores", "put"),
    ("api:report_evaluate", "post"),
    ("api:case_resolve", "post"),
    ("api:centre_resource_link", "post"),
    ("api:centre_service_add", "post"),
    ("api:centre_update", "put"),
    ("api:councils_comment_create", "post"),
    ("api:councils_member_add", "post"),
    ("api:councils_offline_vote", "post"),
    ("api:councils_resolution_project", "post"),
    ("api:councils_session_create", "post"),
    ("api:councils_topic_create", "post"),
    ("api:councils_topic_open", "post"),
    ("api:councils_topic_resolve", "post"),
    ("api:councils_vote", "post"),
    ("api:dispatch_criticize", "post"),
    ("api:dispatch_update", "patch"),
    ("api:inquiry_decide", "post"),
    ("api:inquiry_reply", "post"),
    ("api:inspection_finding", "post"),
    ("api:inspection_record", "post"),
    ("api:rectification_report", "post"),
    ("api:rectification_verify", "post"),
    ("api:duty_create", "post"),
    ("api:duty_holiday_update", "put"),
    ("api:duty_report", "post"),
    ("api:evaluation_survey", "post"),
    ("api:funds_allocation_create", "post"),
    ("api:funds_allocation_return", "post"),
    ("api:funds_facility_create", "post"),
    ("api:funds_project_advance", "post"),
    ("api:funds_project_correct_spending", "post"),
    ("api:funds_project_spend", "post"),
    ("api:funds_source_correct", "post"),
    ("api:funds_source_create", "post"),
    ("api:action_item_accept", "post"),
    ("api:action_item_create", "post"),
    ("api:action_item_done", "post"),
    ("api:action_item_progress", "post"),
    ("api:action_item_return", "post"),
    ("api:decision_forward", "post"),
    ("api:meeting_agenda_add", "post"),
    ("api:meeting_answer", "post"),
    ("api:meeting_attendance_add", "post"),
    ("api:meeting_cancel", "post"),
    ("api:meeting_close", "post"),
    ("api:meeting_invite", "post"),
    ("api:meeting_reschedule", "post"),
    ("api:need_cancel", "post"),
    ("api:need_claim", "post"),
    ("api:need_confirm", "post"),
    ("api:need_decide", "post"),
    ("api:need_fulfil", "post"),
    ("api:need_message_post", "post"),
    ("api:need_rate", "post"),
    ("api:need_rating_update", "patch"),
    ("api:need_release", "post"),
    ("api:org_update", "patch"),
    ("api:person_update", "patch"),
    ("api:booking_approve", "post"),
    ("api:booking_mine_cancel", "post"),
    ("api:booking_reject", "post"),
    ("api:resource_book", "post"),
    ("api:resource_close", "post"),
    ("api:resource_open", "post"),
    ("api:resource_update", "patch"),
    ("api:schedule_update", "put"),
]

#: A multipart upload: django-ninja checks the files part before the view.
NOT_JSON = {("api:need_photo_add", "post")}

#: Operations no role of the matrix may attempt on its objects in scope (voters and respondents
#: are residents of the object's community): the refusals are checked, not the 422.
NOBODY_MAY = {("api:councils_vote", "post"), ("api:evaluation_survey", "post")}

CASES = {(case.name, case.method): case for case in matrix.CASES}
ROLES = [role for role in matrix.ROLES if role != "anonymous"]
EXPECTED_STATUS = {"forbidden": 403, "not_found": 404, "allowed": 422}


@functools.cache
def _document() -> dict:
    return api.get_openapi_schema()


def _bad_bodies(name: str, method: str) -> list[str]:
    """Bodies the operation refuses: every documented field of the wrong type (an object where a
    string, a number, a date or a list is expected), and text that is no JSON at all."""
    wrong = {"nonsense": [1]}
    document = _document()
    schema = document["paths"][PATHS[(name, method)]][method]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    if "$ref" in schema:  # a body parameter's schema, as django-ninja documents it
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("type") == "array":
        return [json.dumps([wrong]), "not json"]
    return [json.dumps({field: wrong for field in schema["properties"]} or [1]), "not json"]


def _operations_with_a_body_on_an_object():
    """(URL name, method, whether django-ninja validates a body parameter before the view) of every
    writing operation whose path names an object."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                method = operation.methods[0].lower()
                if "{" not in path or method == "get":
                    continue
                ninja_body = any(
                    model.__ninja_param_source__ in ("body", "form", "file")
                    for model in operation.models
                )
                reads_body = "read_body" in operation.view_func.__code__.co_names
                if ninja_body or reads_body:
                    yield f"api:{operation.url_name}", method, ninja_body, f"{prefix}{path}"


#: The path of each operation in the OpenAPI document.
PATHS = {
    (name, method): re.sub(r"/+", "/", "/api/v1/" + path.replace("{int:", "{"))
    for name, method, _, path in _operations_with_a_body_on_an_object()
}


def test_every_operation_on_an_object_reads_its_body_after_the_checks():
    found = {
        (name, method): ninja_body
        for name, method, ninja_body, _ in _operations_with_a_body_on_an_object()
    }
    validated_first = sorted(
        key for key, ninja_body in found.items() if ninja_body and key not in NOT_JSON
    )
    assert validated_first == []
    assert sorted(set(found) - NOT_JSON) == sorted(ENDPOINTS)


@pytest.mark.parametrize(("name", "method"), ENDPOINTS, ids=[f"{n}[{m}]" for n, m in ENDPOINTS])
def test_rights_and_scope_come_before_the_body(name, method, world, client):
    case = CASES[(name, method)]
    failures, seen, tried = [], set(), set()
    for role in ROLES:
        user = world.users.get(role)
        if user is None:  # the staff kinds the matrix adds with its own fixture
            continue
        headers = None
        for index, target in enumerate(case.targets(world)):
            expectation = matrix._expectation(case, user, target)
            # One caller per outcome and object is enough here (the matrix tries every role): the
            # suite stays within its time budget.
            if (index, expectation) in tried:
                continue
            tried.add((index, expectation))
            headers = headers or {
                "HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"
            }
            url = reverse(name, kwargs=target.kwargs)
            for body in _bad_bodies(name, method):
                last_audit = matrix._last_audit_id()
                response = getattr(client, method)(
                    url, data=body, content_type="application/json", **headers
                )
                seen.add(expectation)
                if response.status_code != EXPECTED_STATUS[expectation]:
                    failures.append(
                        f"{method.upper()} {url} {body!r} as {role} ({expectation}): "
                        f"expected {EXPECTED_STATUS[expectation]}, got {response.status_code}"
                    )
                elif matrix._last_audit_id() != last_audit:
                    failures.append(
                        f"{method.upper()} {url} {body!r} as {role}: something was changed"
                    )
    assert failures == []
    assert seen & {"forbidden", "not_found"}  # someone is refused
    assert ("allowed" in seen) == ((name, method) not in NOBODY_MAY)  # someone else may act
