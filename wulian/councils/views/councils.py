"""Council pages: the list and its export, creating a council, its detail page, adding a member,
holding a session, and a resident's own councils."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import STAFF, has_action, role_kinds
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.selectors import visible_areas
from wulian.councils import rules, services
from wulian.councils.exporters import export_councils
from wulian.councils.forms import CouncilForm, CouncilSearchForm, MemberForm, SessionForm, TopicForm
from wulian.councils.selectors import (
    member_for,
    visible_councils,
    visible_topics,
    with_council_figures,
)
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    add_errors,
    list_page,
    permission_required,
    search_filters,
    submit,
)


def _is_staff(user) -> bool:
    return bool(role_kinds(user) & STAFF)


def _managed_councils(user):
    """Councils the user's area roles reach (management happens there only)."""
    return visible_councils(user).filter(scope_for(user).paths_q("community"))


def search_councils(request):
    """The council list as filtered by the search form; shared by the list page and the export."""
    form = CouncilSearchForm(request.GET or None)
    qs = with_council_figures(visible_councils(request.user)).order_by("community__path")
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        qs = qs.filter(Q(name__contains=q) | Q(community__code__startswith=q))
    return form, qs


@login_required
@permission_required("council.view")
def council_list(request):
    form, qs = search_councils(request)
    return list_page(
        request,
        "councils/list.html",
        form,
        qs,
        can={"create": "council.create", "export": "council.export"},
    )


@login_required
@permission_required("council.export")
def council_export(request):
    form, qs = search_councils(request)
    rows = list(qs)
    return export_response(
        request,
        action="council.export",
        object_type="councils.council",
        title=_("居民议事会"),
        data=export_councils(rows),
        count=len(rows),
        filters=search_filters(form),
    )


@login_required
@permission_required("council.create")
def council_create(request):
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not visible_areas(request.user).filter(pk=data["community"].pk).exists():
            form.add_error("community", _("该社区不在您的管辖范围内。"))
        else:
            try:
                council = services.create_council(by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            except PermissionDenied:
                form.add_error("community", _("只有该社区或上级的管理员可以设立议事会。"))
            else:
                messages.success(request, _("居民议事会已设立。"))
                return redirect("councils:detail", pk=council.pk)
    return render(request, "councils/form.html", {"form": form, "title": _("设立居民议事会")})


@login_required
@permission_required("council.view")
def council_detail(request, pk):
    council = get_in_scope_or_404(visible_councils(request.user), pk=pk)
    can_manage = rules.can_manage(request.user, council)
    template = "councils/detail.html" if _is_staff(request.user) else "councils/detail_mobile.html"
    return render(
        request,
        template,
        {
            "council": council,
            "members": council.members.select_related("person", "org"),
            "sessions": council.sessions.all(),
            "topics": council.topics.select_related("raised_by_person").order_by("-created_at"),
            "can_manage": can_manage,
            "me": member_for(council, request.user),
            "member_form": MemberForm(council=council) if can_manage else None,
            "session_form": SessionForm() if can_manage else None,
            "topic_form": TopicForm(council=council),
            "can_raise": has_action(request.user, "council.raise_topic")
            and rules.can_take_part(request.user, council),
        },
    )


@login_required
@permission_required("council.manage")
def member_add(request, pk):
    council = get_in_scope_or_404(_managed_councils(request.user), pk=pk)
    form = MemberForm(request.POST or None, council=council)
    response = submit(
        request,
        form,
        services.add_member,
        council=council,
        success=_("成员已加入。"),
        redirect_to=reverse("councils:detail", args=[council.pk]),
    )
    return response or render(
        request,
        "councils/form.html",
        {"form": form, "title": _("添加议事会成员"), "council": council},
    )


@login_required
@permission_required("council.manage")
def session_create(request, pk):
    council = get_in_scope_or_404(_managed_councils(request.user), pk=pk)
    form = SessionForm(request.POST or None)
    response = submit(
        request,
        form,
        services.create_session,
        council=council,
        success=_("会议已登记。"),
        redirect_to=reverse("councils:detail", args=[council.pk]),
    )
    return response or render(
        request,
        "councils/form.html",
        {"form": form, "title": _("登记议事会会议"), "council": council},
    )


@login_required
@permission_required("council.view")
def my_councils(request):
    """Phone-first: the councils a resident, member or unit belongs to, with open votes first."""
    councils = list(visible_councils(request.user))
    topics = (
        visible_topics(request.user)
        .filter(council__in=councils)
        .order_by("status", "-created_at")[:50]
    )
    return render(
        request,
        "councils/my.html",
        {
            "councils": councils,
            "topics": topics,
            "base": "base.html" if _is_staff(request.user) else "base_mobile.html",
        },
    )
