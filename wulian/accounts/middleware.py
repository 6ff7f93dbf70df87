"""The gate every signed-in page request passes: an account whose password was reset chooses a
new one first; a role that needs a second factor enrols or verifies it first (MFA)."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from wulian.accounts.mfa import is_enrolled
from wulian.accounts.rules import requires_mfa

# Paths a gated user may still reach: the gate's own pages, logout, language switch, assets.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/api/")


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._gate(request)
        if target is not None and request.path != target and not self._open(request.path):
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            if request.method == "GET" and target != reverse("accounts:password_change"):
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        return path.startswith(_OPEN_PREFIXES) or path in {
            reverse("accounts:logout"),
            reverse("accounts:login"),
        }

    @staticmethod
    def _gate(request) -> str | None:
        """Where the signed-in user must go first, or None."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if requires_mfa(user) and not user.is_verified():
            return reverse("accounts:mfa_verify" if is_enrolled(user) else "accounts:mfa_enrol")
        if user.must_change_password:
            return reverse("accounts:password_change")
        return None
