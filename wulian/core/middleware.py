from django.conf import settings
from django.utils import translation

from wulian.core import channels


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
