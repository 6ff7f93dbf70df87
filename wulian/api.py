"""REST API under /api/v1/: every app's ``api.router``, bearer-token auth, JSON errors per field."""

from importlib import import_module
from importlib.util import find_spec

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from wulian.apps_registry import all_apps
from wulian.core import channels


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from wulian.accounts.services import authenticate_token

        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="五联 wulian API",
    version="1",
    description="成都城市基层党建互联互动平台接口。Authorization: Bearer <token>（`wulian token USERNAME`）。",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
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


@api.exception_handler(NinjaValidationError)
def ninja_validation_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload", "data")]
        field = ".".join(loc) or "__all__"
        message = err.get("msg", "")
        if err.get("type") == "json_invalid":
            message = _("请求体不是有效的JSON。")
        errors.setdefault(field, []).append(message)
    first_field, first_msgs = next(iter(errors.items()))
    return api.create_response(
        request, {"message": f"{first_field}: {first_msgs[0]}", "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": _("不存在。")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"message": _("无权进行此操作。")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(request, {"message": _("请提供有效的令牌：Authorization: Bearer <token>。")}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


for _name in all_apps():
    if find_spec(f"wulian.{_name}.api") is not None:
        _module = import_module(f"wulian.{_name}.api")
        if hasattr(_module, "router"):
            api.add_router(f"/{_name}/", _module.router)

__all__ = ["api", "channels"]
