from django.http import HttpRequest, JsonResponse


def bare(request: HttpRequest) -> JsonResponse:
    """The bare baseline endpoint benchmarks compare against: no database, no session."""
    return JsonResponse({"ok": True})
