"""Error pages (web layer): 403, 404, 500 and a CSRF failure, in the site's layout, in the user's
language, each with a way home. Wired in ``wulian/urls.py`` (``handler403/404/500``) and
``settings.CSRF_FAILURE_VIEW``."""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request: HttpRequest, status: int, title: str, text: str, icon: str) -> HttpResponse:
    return render(
        request,
        "errors/error.html",
        {"status": status, "title": title, "text": text, "icon": icon},
        status=status,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("没有权限"),
        _("您的账号没有执行此操作的权限。如需办理，请联系本单位管理员。"),
        "shield-lock",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("页面不存在"),
        _("您要查看的页面不存在，或不在您的管辖范围内。请检查链接，或从首页重新进入。"),
        "signpost-split",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("页面已过期"),
        _(
            "表单已过期或来源无法验证（可能是页面停留太久、已退出登录或在别处登录）。请返回上一页刷新后重新提交。"
        ),
        "hourglass-bottom",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The layout needs the database (menu, bell); when that is what failed, a plain page."""
    context = {
        "status": 500,
        "title": _("系统出错了"),
        "icon": "exclamation-octagon",
        "text": _(
            "服务器处理请求时出错，已记录此问题。请稍后重试；如果问题持续，请联系系统管理员。"
        ),
    }
    try:
        return render(request, "errors/error.html", context, status=500)
    except Exception:  # noqa: BLE001 (the error page must answer whatever broke)
        logger.exception("error page could not use the layout")
        return HttpResponse(render_to_string("errors/plain.html", context), status=500)
