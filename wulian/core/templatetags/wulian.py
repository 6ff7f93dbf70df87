from django import forms, template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def bootstrap_field(field):
    widget = field.field.widget
    css = "form-control"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    attrs = {"class": f"{existing} {css}".strip()}
    if isinstance(widget, forms.TextInput | forms.Textarea) and "placeholder" not in widget.attrs:
        attrs["placeholder"] = str(field.label or "")
    return field.as_widget(attrs=attrs)


@register.filter
def status_badge(status: str) -> str:
    colours = {"red": "danger", "yellow": "warning", "green": "success"}
    return format_html('<span class="badge text-bg-{}">&nbsp;</span>', colours.get(status, "secondary"))
