"""Receivers for Django's and axes' sign-in signals: session bookkeeping and lockout effects."""

from wulian.accounts.models import LoginSession


def client_ip(request) -> str | None:
    return (request.META.get("REMOTE_ADDR") or None) if request is not None else None


def on_login(sender, request, user, **kwargs):
    from wulian.accounts.services import record_login_session

    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    record_login_session(
        user=user,
        session_key=session.session_key,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def on_logout(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        LoginSession.objects.filter(session_key=session.session_key).delete()


def on_lockout(sender, request, username, **kwargs):
    from wulian.accounts.services import on_lockout as end_on_lockout

    end_on_lockout(username=username or "")
