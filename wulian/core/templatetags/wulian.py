from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination and sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def bootstrap_field(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    css = "form-control"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    attrs: dict[str, str | bool] = {"class": f"{existing} {css}".strip()}
    if isinstance(widget, forms.TextInput | forms.Textarea) and "placeholder" not in widget.attrs:
        attrs["placeholder"] = str(field.label or "")
    return field.as_widget(attrs=attrs)


@register.filter
def status_badge(status: str) -> str:
    colours = {"red": "danger", "yellow": "warning", "green": "success"}
    return format_html(
        '<span class="badge text-bg-{}">&nbsp;</span>', colours.get(status, "secondary")
    )
