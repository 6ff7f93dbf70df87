"""The text policy of ``core.text`` on every form of the pages, as the API applies it.

``TextPolicyMiddleware`` strips control characters from posted values, so that nothing read
straight from ``request.POST`` can store one, and notes which fields held one
(``refused_controls`` on the posted data). Every Django form bound to that data then refuses
such a field with the API's message, naming the character, instead of going on with the
stripped text the user never typed that way. A value longer than ``text.TEXT_MAX`` is refused
naming the limit, whatever the field (its other errors, which may quote the value, give way).
When a form has any error, every value longer than ``TEXT_MAX`` (in any field) is echoed back
(the form re-rendered) at most ``ECHO_LIMIT`` characters long, so that a refused megabyte does
not come back in full; a value the form could take is never cut. ``install()`` runs once, from
``CoreConfig.ready``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from wulian.core import text

ECHO_LIMIT = 10_000  # characters of a refused value shown again in the form


class PostedData(QueryDict):
    """Posted values with control characters stripped, and which names held one."""

    refused_controls: dict[str, str]


def refusal(char: str) -> str:
    """The message of a refused control character, the API's."""
    return _("不能含有控制字符（%(c)s）。") % {"c": text.describe(char)}


def _refuse_controls(form: forms.BaseForm) -> None:
    refused: dict[str, str] = getattr(form.data, "refused_controls", None) or {}
    if not refused:
        return
    for name in form.fields:
        char = refused.get(form.add_prefix(name))
        if char is not None:  # beside any error the stripped value had: the reason comes first
            form.add_error(name, refusal(char))


def _refuse_long(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        if field.disabled:  # (posted data is not read)
            continue
        raw = form[name].data
        longest = max(
            (
                len(v)
                for v in (raw if isinstance(raw, list | tuple) else [raw])
                if isinstance(v, str)
            ),
            default=0,
        )
        if longest > text.TEXT_MAX:
            form.errors.pop(name, None)  # (set: the form is cleaning)
            form.add_error(name, text.too_long(longest))


def _cap_echoes(form: forms.BaseForm) -> None:
    """Shorten, in the data the form re-renders, every value longer than ``TEXT_MAX`` (refused
    whatever its field) to ``ECHO_LIMIT`` characters; a value the form could take stays whole."""
    long = [
        name
        for name in form.data
        if any(isinstance(v, str) and len(v) > text.TEXT_MAX for v in _values(form.data, name))
    ]
    if not long:
        return
    data: Any = form.data
    data = data.copy()
    for name in long:
        values = [
            v[:ECHO_LIMIT] if isinstance(v, str) and len(v) > text.TEXT_MAX else v
            for v in _values(form.data, name)
        ]
        if hasattr(data, "setlist"):
            data.setlist(name, values)
        else:
            data[name] = values[0]
    form.data = data


def _values(data: Any, name: str) -> list[Any]:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    return [data.get(name)]


_installed = False


def install() -> None:
    """Apply the policy to every form: after its fields are cleaned, a field posted with a
    control character or a text too long gets the refusal; after the whole form, if it has an
    error, long values are capped."""
    global _installed  # noqa: PLW0603 - once per process
    if _installed:
        return
    _installed = True
    clean_fields = getattr(forms.BaseForm, "_clean_fields")  # noqa: B009 - untyped in the stubs
    full_clean = forms.BaseForm.full_clean

    def _clean_fields(self: forms.BaseForm) -> None:
        clean_fields(self)
        _refuse_long(self)  # (first: the errors it replaces may quote the value)
        _refuse_controls(self)

    def _full_clean(self: forms.BaseForm) -> None:
        full_clean(self)
        if self.is_bound and self.errors:
            _cap_echoes(self)

    setattr(forms.BaseForm, "_clean_fields", _clean_fields)  # noqa: B010 - untyped in the stubs
    forms.BaseForm.full_clean = _full_clean  # type: ignore[method-assign]
