from django.conf import settings
from django.utils import translation

from wulian.core import channels, text


class LanguageMiddleware:
    """Chinese first: the language is the one the user chose (the language cookie set by the
    switch), else zh-Hans — never guessed from the browser's Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Do not leak the request's language into whatever this thread does next.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


class ChannelMiddleware:
    """Marks changes made during a request as coming from a page or from the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = channels.API if request.path.startswith("/api/") else channels.PAGE
        with channels.using(channel):
            return self.get_response(request)



class TextPolicyMiddleware:
    """The text policy of ``core.text`` at the door of the pages: query and form values arrive
    with control characters stripped. (The API refuses them instead: ``core.text.TextPolicyParser``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            request.GET = _stripped(request.GET)
            if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data",
            ):
                request.POST = _stripped(request.POST)
        return self.get_response(request)


def _stripped(values):
    if not any(isinstance(v, str) and text.find_control(v) for _name, items in values.lists() for v in items):
        return values
    cleaned = values.copy()
    for name, items in values.lists():
        cleaned.setlist(name, [text.strip_controls(v) if isinstance(v, str) else v for v in items])
    cleaned._mutable = False
    return cleaned
