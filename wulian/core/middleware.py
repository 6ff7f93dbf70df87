import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from wulian.core import channels, text
from wulian.core.forms import PostedData


class LanguageMiddleware:
    """The language the user chose (the language cookie set by the switch); on a first visit,
    the browser's Accept-Language when it names English or Chinese; else zh-Hans."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.codes:
            language = chosen
        else:  # Django's reading of Accept-Language ("zh-CN" → zh-hans), LANGUAGE_CODE otherwise
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Do not leak the request's language into whatever this thread does next.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language",))
        return response


class ChannelMiddleware:
    """Marks changes made during a request as coming from a page or from the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = channels.API if request.path.startswith("/api/") else channels.PAGE
        with channels.using(channel):
            return self.get_response(request)


class TextPolicyMiddleware:
    """The text policy of ``core.text`` at the door of the pages: query and form values arrive
    with control characters stripped, so that nothing read straight from the request can store
    one. Posted values that held one are noted (``core.forms.PostedData``): every form bound to
    them refuses those fields naming the character, as the API refuses them
    (``core.text.TextPolicyParser``); a query string is only stripped."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.GET = _stripped(request.GET, note=False)
            if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                request.POST = _stripped(request.POST, note=True)
        return self.get_response(request)


_Q = TypeVar("_Q", bound=QueryDict)


def _stripped(values: _Q, *, note: bool) -> _Q:
    refused = {
        name: char
        for name, items in values.lists()
        for v in items
        if isinstance(v, str) and (char := text.find_control(v))
    }
    if not refused:
        return values
    cleaned = PostedData(mutable=True, encoding=values.encoding)
    for name, items in values.lists():
        cleaned.setlist(name, [text.strip_controls(v) if isinstance(v, str) else v for v in items])
    cleaned.refused_controls = refused if note else {}
    cleaned._mutable = False
    return cast(_Q, cleaned)  # immutable again, as the request's own


class SessionTouchMiddleware:
    """Idle expiry without a database write on every page view.

    ``SESSION_SAVE_EVERY_REQUEST`` wrote the session row on every request (a write transaction
    per page view). Instead the session is saved, and its expiry moved on, only when its last
    save is older than ``SESSION_TOUCH_INTERVAL`` seconds: an idle session still ends
    ``SESSION_COOKIE_AGE`` seconds after the last request, give or take that interval.
    """

    KEY = "_touched"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            touched = session.get(self.KEY, 0)
            if not isinstance(touched, int) or now - touched >= settings.SESSION_TOUCH_INTERVAL:
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """The headers of every answer Django makes (static files are WhiteNoise's, before this, and
    stay cacheable):

    - ``Content-Security-Policy`` from ``settings.WULIAN_CSP`` (no inline script, no framing);
    - ``Cache-Control: no-store`` (with ``private``, ``no-cache``, ``max-age=0``) on everything
      a signed-in user or an API caller gets, exports and files included: pages, API answers and
      spreadsheets hold personal data that no shared or browser cache should keep. An anonymous
      page that set its own ``Cache-Control`` keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = "; ".join(f"{name} {value}" for name, value in settings.WULIAN_CSP.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        user = getattr(request, "user", None)
        personal = (
            request.path.startswith("/api/")
            or bool(user is not None and user.is_authenticated)
            or "Authorization" in request.headers
        )
        if personal or not response.has_header("Cache-Control"):
            if personal and response.has_header("Cache-Control"):
                del response.headers["Cache-Control"]
            add_never_cache_headers(
                response
            )  # max-age=0, no-cache, no-store, must-revalidate, private
        return response


def mark_session_touched(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A login saves the session with a fresh expiry: count it as the last touch, so the first
    page after the login writes nothing (connected to ``user_logged_in`` in core's AppConfig)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SessionTouchMiddleware.KEY] = int(time.time())
