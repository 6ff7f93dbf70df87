"""Small pieces every app's API shares: the action check, the scoped fetch of one object, the
body read after both, and the scoped resolution of the ids and area codes a body or query names."""

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TypeVar

import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError
from ninja.schema import NinjaGenerateJsonSchema

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import visible_areas
from wulian.core.text import ControlCharacterError, TextPolicyParser, TextTooLongError

S = TypeVar("S")


def require(request: HttpRequest, action: str) -> None:
    """Deny (403) a caller none of whose roles may attempt the action."""
    if not has_action(request.user, action):
        raise PermissionDenied(action)


def fetch(request: HttpRequest, action: str, visible: Callable[[Any], QuerySet], pk: int) -> Model:
    """Check the action, then fetch one object among ``visible(request.user)``: 403 for a caller
    whose roles may not, 404 for an object that is missing or out of the caller's scope."""
    require(request, action)
    return get_in_scope_or_404(visible(request.user), pk=pk)


Visible = Callable[[Any], QuerySet] | QuerySet


def resolve(
    request: HttpRequest, visible: Visible, value: Any, field: str, *, by: str = "pk"
) -> Any:
    """The object a request names in ``field`` (an id, or an area code with ``by="code"``), found
    among what the caller may see: ``visible`` is a selector (``visible_orgs``), called with the
    caller, or a queryset already built from one. A value that names nothing there answers 422
    naming ``field``, in the same words whether the object is missing or out of the caller's
    scope, so that the answer never tells that it exists. ``None`` (an optional field left
    empty) gives ``None``; the service says when the field is required."""
    if value is None:
        return None
    return resolve_all(request, visible, [value], field, by=by)[0]


def resolve_all(
    request: HttpRequest, visible: Visible, values: Iterable[Any], field: str, *, by: str = "pk"
) -> list[Any]:
    """``resolve`` for a list (members, co-organizers, eligible areas), in the order given and in
    one query; the 422 names every value not found."""
    values = [value.strip() if isinstance(value, str) else value for value in values]
    qs = visible if isinstance(visible, QuerySet) else visible(request.user)
    try:
        found = (
            {getattr(obj, by): obj for obj in qs.filter(**{f"{by}__in": values})} if values else {}
        )
    except (ValueError, TypeError):
        found = {}
    missing = list(dict.fromkeys(str(v) for v in values if v not in found))
    if missing:
        shown = "、".join(missing)
        if by == "code":
            message = _("区划代码“%(c)s”不存在或不在您的管辖范围内。") % {"c": shown}
        else:
            message = _("%(what)s %(id)s 不存在或不在您的管辖范围内。") % {
                "what": qs.model._meta.verbose_name,
                "id": shown,
            }
        raise ValidationError({field: message})
    return [found[v] for v in values]


def resolve_area_code(request: HttpRequest, code: str | None, field: str = "area") -> Any:
    """The area whose code the request sends in ``field``, in the caller's subtrees (``resolve``);
    a required field, so an empty one is refused too."""
    if not (code or "").strip():
        raise ValidationError({field: _("请填写区划代码。")})
    return resolve(request, visible_areas, code, field, by="code")


@cache
def _adapter(schema: Any) -> pydantic.TypeAdapter:
    return pydantic.TypeAdapter(schema)


def read_body(request: HttpRequest, schema: type[S]) -> S:
    """The JSON body as ``schema``, read by the view after ``fetch``: a schema parameter would be
    validated by django-ninja before the view runs, telling a caller with no right over the
    object (403) or no sight of it (404) what a valid body looks like. Errors answer 422 by field,
    as a schema parameter's would. ``schema`` is a ``Schema`` or a type built of them
    (``list[IndicatorIO]``)."""
    try:
        data = TextPolicyParser().parse_body(request)
    except (ControlCharacterError, TextTooLongError):
        raise  # answered 422 naming the field by the API's own handlers
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past the parser's depth
        raise NinjaValidationError(
            [{"type": "json_invalid", "loc": ("body",), "msg": _("请求体不是有效的JSON。")}]
        ) from None
    if (
        isinstance(schema, type)
        and issubclass(schema, pydantic.BaseModel)
        and not isinstance(data, dict)
    ):
        # A list, a string, a number or null is no object: refused, not read as "no fields given".
        raise NinjaValidationError(
            [{"type": "model_type", "loc": ("body",), "msg": _("请求体应为JSON对象。")}]
        )
    try:
        return _adapter(schema).validate_python(data)
    except pydantic.ValidationError as exc:
        raise NinjaValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None


def body_openapi(schema: Any) -> dict[str, Any]:
    """``openapi_extra`` documenting the JSON body an operation reads with ``read_body``: the
    schema django-ninja would give a body parameter, with its nested schemas written in place (an
    operation cannot add components, and ``#/$defs/...`` would point nowhere in the document)."""
    doc = _adapter(schema).json_schema(
        by_alias=True, schema_generator=NinjaGenerateJsonSchema, mode="validation"
    )
    defs = doc.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                rest = {key: value for key, value in node.items() if key != "$ref"}
                return {**inline(defs[node["$ref"].rsplit("/", 1)[-1]]), **inline(rest)}
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return {
        "requestBody": {"required": True, "content": {"application/json": {"schema": inline(doc)}}}
    }
