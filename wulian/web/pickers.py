"""Search-as-you-type pickers (web layer): form widgets and the scoped endpoints they ask.

A form swaps a select of thousands of options for a picker in one line::

    invite_orgs = forms.ModelMultipleChoiceField(..., widget=OrgPicker(multiple=True, above=True))
    area = AreaCodeField(...)  # renders AreaPicker: 区 → 街道 → 社区 → 网格

The widget renders only the chosen items (never the field's whole queryset) and a search box;
``static/wulian/picker.js`` asks ``/pick/orgs``, ``/pick/people`` or ``/pick/areas`` as the user
types (two characters of a name, or the start of a code) and adds what is clicked. The endpoints
answer only what the user may see, through the lists' selectors (``visible_orgs``,
``visible_people``, ``visible_areas``: the one scoping function); the form still validates the
choice against its own queryset, so a picker never widens what a form accepts.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

LIMIT = 20
MIN_CHARS = 2


# --------------------------------------------------------------------------------- the widgets


class _ProjectTemplate:
    """Render from the project's templates (``templates/includes/``), not the form renderer's."""

    def _render(self, template_name, context, renderer=None):
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 (escaped template)


class _ModelPicker(_ProjectTemplate, forms.Widget):
    """A hidden ``<select>`` holding only the chosen items, chips for them and a search box."""

    template_name = "includes/picker.html"
    endpoint = ""
    placeholder = _("输入名称中的两个字搜索")

    def __init__(self, attrs=None, *, multiple: bool = False, **params):
        super().__init__(attrs)
        self.multiple = multiple
        self.params = {
            k: ("1" if v is True else str(v))
            for k, v in params.items()
            if v not in (None, False, "")
        }
        self.choices = []

    @property
    def allow_multiple_selected(self) -> bool:
        return self.multiple

    def use_required_attribute(self, initial) -> bool:
        return False  # the select is hidden: the browser could not point at it

    def format_value(self, value) -> list[str]:
        if value is None or value == "":
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [str(v) for v in value if v not in (None, "")]

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def chosen(self, values: list[str]) -> list[tuple[str, str]]:
        """(value, label) of the chosen items, read from the field's queryset (one query)."""
        queryset = getattr(self.choices, "queryset", None)
        if not values or queryset is None:
            return []
        field = self.choices.field
        ids = [
            v for v in values if len(v) <= 19 and v.isascii() and v.isdigit() and 0 < int(v) < 2**63
        ]
        objects = {str(o.pk): o for o in queryset.filter(pk__in=ids)}
        return [(v, field.label_from_instance(objects[v])) for v in values if v in objects]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse(self.endpoint)
        if self.params:
            from urllib.parse import urlencode

            url += "?" + urlencode(sorted(self.params.items()))
        context["widget"].update(
            {
                "chosen": self.chosen(context["widget"]["value"]),
                "multiple": self.multiple,
                "url": url,
                "placeholder": self.placeholder,
            }
        )
        return context


class OrgPicker(_ModelPicker):
    """Organisations. ``kind``: ``units``, ``departments``, ``party`` (orgs that lead an area) or
    an ``orgs.Kind`` value; ``within``: an area code; ``above``: also what a meeting of the
    user's areas may call in: neighbouring units under the level above, the departments and the
    orgs of the levels above (``meetings.selectors.invitable_orgs`` of the user's root areas)."""

    endpoint = "web:pick_orgs"


class PersonPicker(_ModelPicker):
    """People (``members``: party members only; ``within``: an area code)."""

    endpoint = "web:pick_people"
    placeholder = _("输入姓名中的两个字搜索")


class AreaPicker(_ProjectTemplate, forms.Widget):
    """An area by its code: cascading 区 → 街道 → 社区 → 网格 selects and a search by name.
    The value is the code (a hidden input), so ``AreaCodeField`` and GET filters keep working."""

    template_name = "includes/area_picker.html"

    def __init__(self, attrs=None, *, deepest: str = ""):
        super().__init__(attrs)
        self.deepest = deepest

    def use_required_attribute(self, initial) -> bool:
        return False

    def format_value(self, value):
        if hasattr(value, "code"):
            return value.code
        return "" if value is None else str(value)

    def get_context(self, name, value, attrs):
        from wulian.areas.tree import area_tree

        context = super().get_context(name, value, attrs)
        code = context["widget"]["value"]
        area = area_tree().get(code) if code else None
        context["widget"].update(
            {
                "label": _label_area(area) if area else (code or ""),
                "url": reverse("web:pick_areas"),
                "deepest": self.deepest,
            }
        )
        return context


# ------------------------------------------------------------------------------- the endpoints


def _q(request) -> str:
    return (request.GET.get("q") or "").strip()[:50]


def _too_short(q: str) -> bool:
    return len(q) < MIN_CHARS and not (q.isdigit() and q)


def _answer(rows: list[dict]) -> JsonResponse:
    return JsonResponse({"results": rows})


def _within(request, user):
    """The area a ``within`` parameter names, when the user sees it; else None."""
    from wulian.areas.selectors import visible_areas

    code = (request.GET.get("within") or "").strip()
    if not code:
        return None
    return visible_areas(user).filter(code=code).first()


@require_GET
@login_required
def pick_orgs(request):
    from wulian.accounts.selectors import scope_for
    from wulian.areas.models import Area
    from wulian.orgs.models import Kind, Org
    from wulian.orgs.selectors import visible_orgs

    q = _q(request)
    if _too_short(q):
        return _answer([])
    qs = visible_orgs(request.user)
    if request.GET.get("above"):
        # What a meeting or a task of the user's areas may call in (meetings.selectors.
        # invitable_orgs of the user's root areas): the orgs under the level directly above each
        # root (neighbouring streets' units), the departments and the orgs of the levels above.
        scope = scope_for(request.user)
        wider = Q(kind=Kind.DEPARTMENT)
        for root in Area.objects.filter(path__in=scope.area_paths):
            base = root.path[: -len(root.code) - 1] if root.parent_id else root.path
            wider |= Q(area__path__startswith=base) | Q(area__code__in=root.ancestor_codes())
        qs = qs | Org.objects.filter(wider)
    kind = request.GET.get("kind", "")
    if kind == "units":
        qs = qs.units()
    elif kind == "departments":
        qs = qs.departments()
    elif kind == "party":
        qs = qs.filter(leads__isnull=False)
    elif kind in Kind.values:
        qs = qs.filter(kind=kind)
    within = _within(request, request.user)
    if within is not None:
        qs = qs.filter(area__path__startswith=within.path)
    elif request.GET.get("within"):
        return _answer([])
    rows = (
        qs.filter(Q(name__contains=q) | Q(credit_code__startswith=q.upper()))
        .select_related("area")
        .order_by("name", "pk")[:LIMIT]
    )
    return _answer([{"id": o.pk, "label": o.name, "hint": o.area.name} for o in rows])


@require_GET
@login_required
def pick_people(request):
    from wulian.people.selectors import visible_people

    q = _q(request)
    if _too_short(q) or q.isdigit():
        return _answer([])
    qs = visible_people(request.user).filter(name__contains=q)
    if request.GET.get("members"):
        qs = qs.filter(is_party_member=True)
    within = _within(request, request.user)
    if within is not None:
        qs = qs.filter(home_area__path__startswith=within.path)
    elif request.GET.get("within"):
        return _answer([])
    rows = qs.order_by("name", "pk")[:LIMIT]
    return _answer([{"id": p.pk, "label": p.name, "hint": p.home_area.name} for p in rows])


def _label_area(area) -> str:
    return area.name if area.parent_id is None else f"{area.name}（{area.code}）"


@require_GET
@login_required
def pick_areas(request):
    """``?parent=<code>``: the children of a visible area (the cascade); no parent and no ``q``:
    the user's own root areas; ``?q=``: visible areas by two characters of the name or the
    start of the code. The cascade reads the cached tree (``areas.tree``), no area query."""
    from wulian.areas.selectors import area_in_view, root_areas_in_tree, visible_areas
    from wulian.areas.tree import area_tree

    parent = (request.GET.get("parent") or "").strip()
    q = _q(request)
    if parent:
        tree = area_tree()
        area = area_in_view(request.user, parent, tree=tree)
        rows = tree.children(area.code) if area else []
    elif q:
        if _too_short(q):
            return _answer([])
        match = Q(code__startswith=q) if q.isdigit() else Q(name__contains=q)
        rows = list(
            visible_areas(request.user)
            .filter(match)
            .select_related("parent")
            .order_by("depth", "code")[:LIMIT]
        )
    else:
        rows = root_areas_in_tree(request.user)
    return _answer(
        [
            {
                "id": a.code,
                "label": a.name,
                "level": a.level,
                "hint": a.parent.name if q and a.parent_id else a.code,
            }
            for a in rows
        ]
    )
