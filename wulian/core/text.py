"""The one text policy: which characters stored text may hold, and how output escapes the rest.

Input (pages, API, imports) may not carry control characters: C0 except tab, line feed and
carriage return, DEL, C1, lone surrogates and the two non-characters U+FFFE / U+FFFF, and the
invisible formatting characters that disguise text: the bidi controls U+202A–U+202E and
U+2066–U+2069 (a right-to-left override turns "exe.txt" into "txt.exe"), U+200B zero-width space,
U+200E / U+200F direction marks, U+2028 / U+2029 line and paragraph separators and U+FEFF. (U+200C
and U+200D, the zero-width (non-)joiners of emoji and scripts, stay allowed.) Pages and
imports strip them (as a pasted invisible character is no one's intent); the API refuses them
with a 422 naming the field (``core.middleware.TextPolicyMiddleware``). Whatever is stored all
the same (older rows, commands) is escaped by each output: spreadsheets show a control as its
visible Control Picture (U+2400 + code) and an invisible formatting character as its code point in
angle brackets (⟨U+202E⟩), .ics drops it.

No text value may be longer than ``TEXT_MAX`` characters, whatever the field: a page's form
refuses it naming the limit (``core.forms``), the API answers 422 naming the field
(:class:`TextTooLongError`), so that no field without a ``max_length`` stores megabytes.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.parser import Parser

#: The longest text any field takes (characters): above the longest legitimate texts (a meeting's
#: minutes, a council's notes, an annual 述职报告 run to a few thousand characters).
TEXT_MAX = 20_000

#: Invisible formatting characters: bidi embeddings/overrides/isolates, zero-width space, direction
#: marks, line/paragraph separators, the byte-order mark.
INVISIBLE = "\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
CONTROL_RE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{INVISIBLE}]"
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# What an .xlsx (XML 1.0) cannot hold at all; openpyxl raises IllegalCharacterError on these.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def find_control(text: str) -> str | None:
    """The first forbidden character of ``text``, or None."""
    match = CONTROL_RE.search(text)
    return match.group() if match else None


def strip_controls(text: str) -> str:
    return CONTROL_RE.sub("", text)


def describe(char: str) -> str:
    """``U+0001``: how a message names a character that cannot be shown."""
    return f"U+{ord(char):04X}"


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def visible_controls(text: str) -> str:
    """Text an .xlsx can hold: each C0 control becomes its Control Picture (U+0001 → ␁), a
    surrogate or non-character becomes U+FFFD, an invisible formatting character is shown as
    its code point (U+202E → ⟨U+202E⟩)."""
    text = _INVISIBLE_RE.sub(lambda match: f"⟨{describe(match.group())}⟩", text)
    return _XML_ILLEGAL_RE.sub(_picture, text)


class ControlCharacterError(ValueError):
    """An API input held a forbidden character; ``field`` is its dotted path."""

    def __init__(self, field: str, char: str) -> None:
        super().__init__(f"{field}: {describe(char)}")
        self.field = field
        self.char = char


class TextTooLongError(ValueError):
    """An API input held a text longer than ``TEXT_MAX``; ``field`` is its dotted path."""

    def __init__(self, field: str, length: int) -> None:
        super().__init__(f"{field}: {length}")
        self.field = field
        self.length = length


def too_long(length: int) -> str:
    """The message of a text longer than ``TEXT_MAX``, the same on pages and in the API."""
    return _("内容过长：最多%(n)d字，现有%(m)d字。") % {"n": TEXT_MAX, "m": length}


# A cheap first look at a JSON body: a raw control byte, or an escape that may decode to a
# forbidden character (the decoded document is then checked exactly).
_JSON_SUSPECT = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]"
    rb"|\xe2\x80[\x8b\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]"
    rb"|\xed[\xa0-\xbf]"  # a surrogate written raw (json.loads lets it through)
    rb"|\\u(?:00[0189][0-9a-fA-F]|007[fF]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF]"
    rb"|200[bBeEfF]|202[89a-eA-E]|206[6-9]|[fF][eE][fF][fF])"
)


class TextPolicyParser(Parser):
    """The API's parser: after authentication, before any schema, every query, form and JSON
    value is checked, and a forbidden character raises :class:`ControlCharacterError`, a text
    longer than ``TEXT_MAX`` :class:`TextTooLongError` (the API answers 422 naming the field)."""

    def parse_body(self, request: HttpRequest) -> Any:
        body = request.body
        document = json.loads(body)
        if _JSON_SUSPECT.search(body):
            _check_json(document)
        if len(body) > TEXT_MAX:  # (a text of n characters takes at least n bytes)
            _check_lengths(document)
        return document

    def parse_querydict(
        self, data: MultiValueDict[Any, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for name, items in data.lists():
            for value in items:
                if isinstance(value, str) and (char := find_control(value)):
                    raise ControlCharacterError(name, char)
                if isinstance(value, str) and len(value) > TEXT_MAX:
                    raise TextTooLongError(name, len(value))
        return super().parse_querydict(data, list_fields, request)


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    """Every string of a JSON document (keys too), with the dotted name of the field holding it
    ("__all__" at the top)."""
    if isinstance(value, str):
        yield ".".join(str(p) for p in path) or "__all__", value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _check_json(document: Any) -> None:
    for field, text in _strings(document):
        if char := find_control(text):
            raise ControlCharacterError(field, char)


def _check_lengths(document: Any) -> None:
    for field, text in _strings(document):
        if len(text) > TEXT_MAX:
            raise TextTooLongError(field, len(text))


# --- personal numbers in free text ------------------------------------------------------------
# What a resident or a unit types into a text the public reads (a report, an address, a
# resource's location) may hold a phone number, an ID number or an e-mail address, written any
# way people write them: with +86 / 0086, with spaces or hyphens between the groups.
_SEP = r"[ \-\u00a0]?"
_ID_NUMBER_RE = re.compile(rf"(?<![0-9A-Za-z])(?:\d{_SEP}){{17}}[\dXx](?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)86{_SEP})?(1[3-9]\d)((?:{_SEP}\d){{4}})((?:{_SEP}\d){{4}})(?!\d)"
)
_LANDLINE_RE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)86{_SEP})?(?:\(0?\d{{2,3}}\)|0?\d{{2,3}}){_SEP}"
    rf"(?:\d{{7,8}}|\d{{3,4}}{_SEP}\d{{4}})(?!\d)"
)
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask_personal_numbers(text: str) -> str:
    """``text`` as the public may read it: ID numbers (18 digits, spaces or hyphens between
    them or not) keep their first two digits, mobiles (with or without +86 / 0086, spaces or
    hyphens) their first three and last four, landlines become ``****`` and an e-mail address
    keeps its first letter and its domain."""
    if not text:
        return text
    text = _ID_NUMBER_RE.sub(lambda m: _digits(m.group())[:2] + "*" * 16, text)
    text = _MOBILE_RE.sub(lambda m: m.group(1) + "****" + _digits(m.group(3)), text)
    text = _LANDLINE_RE.sub("****", text)
    return _EMAIL_RE.sub(lambda m: m.group(1) + "***@" + m.group(2), text)
