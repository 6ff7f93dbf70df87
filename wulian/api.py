"""REST API under /api/v1/: every app's ``api.router``, bearer-token auth, JSON errors per field."""

import json
from importlib import import_module
from importlib.util import find_spec

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFilesSent,
    ValidationError,
)
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from wulian.apps_registry import all_apps
from wulian.core import channels, uploads
from wulian.core.denials import FieldDenied
from wulian.core.text import (
    ControlCharacterError,
    TextPolicyParser,
    TextTooLongError,
    describe,
    too_long,
)
from wulian.core.validation_messages import pydantic_message


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from django.conf import settings

        from wulian.accounts import throttling
        from wulian.accounts.services import authenticate_token

        # Guessing tokens: after WULIAN_API_RATE_AUTH_FAILURES wrong tokens an address waits.
        ip, rate = throttling.client_ip(request), settings.WULIAN_API_RATE_AUTH_FAILURES
        if throttling.exceeded("api_auth_fail", ip, rate):
            raise Throttled(wait=throttling.window_left(rate))
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        else:
            throttling.hit("api_auth_fail", ip, rate)
        return user


def _throttles():
    from wulian.accounts.throttling import ApiIpThrottle, ApiUserThrottle

    return [ApiIpThrottle(), ApiUserThrottle()]


#: What every operation may answer besides its success, with the JSON every error carries.
ERROR_RESPONSES = {
    "400": "请求无法处理（如上传文件过多）。",
    "401": "缺少或无效的令牌。",
    "403": "无权进行此操作。",
    "404": "不存在，或不在您的管辖范围内。",
    "413": "请求过大（上传合计超过上限）。",
    "422": "输入有误：errors 按字段列出原因。",
    "429": "请求过于频繁（见 Retry-After）。",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _local_times(node) -> None:
    """Times of day (opening hours) are Chengdu wall-clock times without an offset ("09:00:00"),
    which JSON Schema's ``time`` format (RFC 3339, offset required) refuses: say what they are."""
    if isinstance(node, dict):
        if node.get("format") == "time":
            node["format"] = "partial-time"
            node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
        for value in node.values():
            _local_times(value)
    elif isinstance(node, list):
        for value in node:
            _local_times(value)


class WulianAPI(NinjaAPI):
    """Declares the error answers (401/403/404/422 …) on every operation of the OpenAPI schema,
    so that clients and the fuzz test (``core/tests/test_api_fuzz.py``) know them."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        _local_times(schema["components"]["schemas"])
        ref = {"$ref": "#/components/schemas/Error"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": ref}},
                        },
                    )
        return schema

    def get_openapi_operation_id(self, operation) -> str:
        """``wulian_<app>_api_<function>``, also for an app whose API is a package split by
        subject (``<app>/api/decisions.py``): clients keep their operation ids across the split."""
        module = operation.view_func.__module__
        if ".api." in module:
            module = module.split(".api.", 1)[0] + ".api"
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = WulianAPI(
    title="五联 wulian API",
    version="1",
    description="成都城市基层党建互联互动平台接口。Authorization: Bearer <token>（`wulian token USERNAME`）。",
    auth=BearerToken(),
    throttle=_throttles(),
    urls_namespace="api",
    docs_url="/docs",
    parser=TextPolicyParser(),
)


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


@api.exception_handler(ValidationError)
def django_validation_error(request, exc: ValidationError):
    errors = _field_errors(exc)
    first = next(iter(errors.values()))[0] if errors else _("输入有误。")
    return api.create_response(request, {"message": first, "errors": errors}, status=422)


def _error_response(request, errors: dict[str, list[str]], status: int = 422):
    first_field, first_msgs = next(iter(errors.items()))
    message = first_msgs[0] if first_field == "__all__" else f"{first_field}: {first_msgs[0]}"
    return api.create_response(request, {"message": message, "errors": errors}, status=status)


@api.exception_handler(NinjaValidationError)
def ninja_validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [
            str(p)
            for p in err.get("loc", [])
            if p not in ("body", "query", "path", "payload", "data")
        ]
        field = ".".join(loc) or "__all__"
        errors.setdefault(field, []).append(pydantic_message(err, field))
    if not errors:
        errors["__all__"] = [_("输入有误。")]
    return _error_response(request, errors)


@api.exception_handler(ControlCharacterError)
def control_character(request, exc: ControlCharacterError):
    return _error_response(
        request, {exc.field: [_("不能含有控制字符（%(c)s）。") % {"c": describe(exc.char)}]}
    )


@api.exception_handler(TextTooLongError)
def text_too_long(request, exc: TextTooLongError):
    return _error_response(request, {exc.field: [too_long(exc.length)]})


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return uploads.too_large_response(request)


@api.exception_handler(TooManyFilesSent)
def too_many_files(request, exc):
    return _error_response(request, {"__all__": [_("一次上传的文件过多。")]}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": _("不存在。")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    if isinstance(exc, FieldDenied):
        return api.create_response(
            request, {"message": exc.message, "errors": exc.field_messages()}, status=403
        )
    return api.create_response(request, {"message": _("无权进行此操作。")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request, {"message": _("请提供有效的令牌：Authorization: Bearer <token>。")}, status=401
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if isinstance(exc, Throttled):
        response = api.create_response(
            request, {"message": _("请求过于频繁，请稍后再试。")}, status=429
        )
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response
    cause = exc.__cause__
    if exc.status_code == 400 and isinstance(cause, ControlCharacterError):
        return control_character(request, cause)
    if exc.status_code == 400 and isinstance(cause, TextTooLongError):
        return text_too_long(request, cause)
    if exc.status_code == 400 and cause is not None:
        # ninja could not parse the body (malformed JSON, bad encoding, nested past the parser's
        # depth: whatever its parser raised): a 422 like every other input error, in the
        # request's language, naming where the JSON broke when it can.
        if isinstance(cause, json.JSONDecodeError):
            message = _("请求体不是有效的JSON：第%(line)d行第%(col)d列附近有误。") % {
                "line": cause.lineno,
                "col": cause.colno,
            }
        else:
            message = _("请求体不是有效的JSON。")
        return _error_response(request, {"__all__": [message]})
    return api.create_response(request, {"message": exc.message}, status=exc.status_code)


for _name in all_apps():
    if find_spec(f"wulian.{_name}.api") is not None:
        _module = import_module(f"wulian.{_name}.api")
        if hasattr(_module, "router"):
            api.add_router(f"/{_name}/", _module.router)

__all__ = ["api", "channels"]
