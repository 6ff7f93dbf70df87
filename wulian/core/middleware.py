from wulian.core import channels


class ChannelMiddleware:
    """Marks changes made during a request as coming from a page or from the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        channel = channels.API if request.path.startswith("/api/") else channels.PAGE
        with channels.using(channel):
            return self.get_response(request)
