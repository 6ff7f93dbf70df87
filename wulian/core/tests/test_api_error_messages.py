"""Every error pydantic can raise on the API's schemas is answered in the user's language (an
attacker's probe: a wrong datetime answered "Input should be a valid datetime…" under zh-Hans).
A type the table does not know falls back to a generic message naming the field."""

import json
import re
import typing

import pytest
from pydantic_core import core_schema

from wulian.core.validation_messages import pydantic_message

CJK = re.compile(r"[\u4e00-\u9fff]")
# Types a schema cannot meet from a JSON body or a query (Python-only objects and calls).
PYTHON_ONLY = {
    "no_such_attribute",
    "needs_python_object",
    "get_attribute_error",
    "default_factory_not_called",
    "is_instance_of",
    "is_subclass_of",
    "callable_type",
    "counter_type",
    "named_tuple_type",
    "missing_sentinel_error",
    "ellipsis_error",
}


@pytest.mark.parametrize("kind", typing.get_args(core_schema.ErrorType))
def test_every_pydantic_error_type_has_a_chinese_message(kind):
    err = {"type": kind, "msg": "Input should be English", "ctx": {}}
    message = pydantic_message(err, "wished_from")
    assert CJK.search(message), (kind, message)
    assert "Input should" not in message
    if kind not in PYTHON_ONLY and kind not in ("value_error", "assertion_error"):
        assert "wished_from" not in message, f"{kind} has no message of its own"


def test_an_unknown_type_falls_back_to_a_message_naming_the_field():
    message = pydantic_message({"type": "brand_new", "msg": "Input should be new"}, "title")
    assert message == "“title”的值无效。"


def test_a_message_of_the_platform_is_shown_as_it_is():
    err = {"type": "wulian_range", "msg": "日期应在2000-01-01至2100-12-31之间。"}
    assert pydantic_message(err, "day") == "日期应在2000-01-01至2100-12-31之间。"


@pytest.mark.parametrize("value", ["abc", True, "1e400", "2026-13-40T00:00"])
def test_a_wrong_datetime_is_answered_in_chinese(client, world, value):
    from wulian.accounts.services import create_token

    token = create_token(user=world.users["resident_demo"], by=None)
    body = json.dumps(
        {"title": "修水管", "category": "repair", "description": "漏水", "wished_from": value}
    ).replace('"1e400"', "1e400")
    response = client.post(
        "/api/v1/needs/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == {"wished_from": ["应为日期时间（YYYY-MM-DDTHH:MM）。"]}
