import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.alliances import services
from wulian.alliances.exporters import export_alliances, export_part_time_members
from wulian.alliances.forms import (
    ActivityForm,
    AllianceForm,
    AllianceSearchForm,
    LedActivityForm,
    PartTimeForm,
    PartTimeSearchForm,
    TermForm,
)
from wulian.alliances.selectors import (
    communities_with_bodies,
    visible_alliances,
    visible_part_time_members,
    with_alliance_figures,
    with_led_figures,
)
from wulian.areas.selectors import root_areas, visible_areas
from wulian.core.bounds import parse_id
from wulian.orgs.models import PartyBody, PartyBodyChange
from wulian.orgs.selectors import visible_orgs
from wulian.people.selectors import visible_people
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    act,
    list_page,
    paginate,
    permission_required,
    search_filters,
    submit,
)


def _managed_alliances(user):
    return visible_alliances(user).filter(scope_for(user).paths_q("area"))


def _managed_members(user):
    return visible_part_time_members(user).filter(scope_for(user).paths_q("area"))


def search_alliances(request):
    """The alliance list as filtered by the search form; shared by the list page and the export."""
    form = AllianceSearchForm(request.GET or None)
    qs = with_alliance_figures(visible_alliances(request.user)).order_by("area__path", "name")
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        qs = qs.filter(Q(name__contains=q) | Q(lead_org__name__contains=q))
    return form, qs


@login_required
@permission_required("alliance.view")
def alliance_list(request):
    form, qs = search_alliances(request)
    return list_page(
        request,
        "alliances/list.html",
        form,
        qs,
        can={"create": "alliance.create", "export": "alliance.export"},
    )


@login_required
@permission_required("alliance.export")
def alliance_export(request):
    form, qs = search_alliances(request)
    rows = list(qs)
    return export_response(
        request,
        action="alliance.export",
        object_type="alliances.alliance",
        title=_("区域化党建联盟"),
        data=export_alliances(rows),
        count=len(rows),
        filters=search_filters(form),
    )


@login_required
@permission_required("alliance.create")
def alliance_create(request):
    form = AllianceForm(request.POST or None, orgs=visible_orgs(request.user))
    response = submit(
        request,
        form,
        services.create_alliance,
        success=_("联盟已成立。"),
        denied=_("您不能在该区域进行此操作。"),
        redirect_to=lambda alliance: reverse("alliances:detail", args=[alliance.pk]),
    )
    return response or render(
        request, "alliances/form.html", {"form": form, "title": _("新建联盟")}
    )


@login_required
@permission_required("alliance.view")
def alliance_detail(request, pk):
    alliance = get_in_scope_or_404(visible_alliances(request.user), pk=pk)
    return render(
        request,
        "alliances/detail.html",
        {
            "alliance": alliance,
            "memberships": alliance.memberships.select_related("org", "org__area"),
            "activities": alliance.activities.prefetch_related("orgs"),
            "can_manage": has_action(request.user, "alliance.manage")
            and scope_for(request.user).covers_path(alliance.area.path),
            "orgs": visible_orgs(request.user)
            .units()
            .exclude(alliance_memberships__alliance=alliance)[:200],
        },
    )


@login_required
@permission_required("alliance.manage")
@require_POST
def alliance_member_add(request, pk):
    alliance = get_in_scope_or_404(_managed_alliances(request.user), pk=pk)
    org_id = parse_id(request.POST.get("org"))  # not an id: no org, and the service names the field
    org = visible_orgs(request.user).filter(pk=org_id).first() if org_id else None
    return act(
        request,
        services.add_alliance_member,
        alliance=alliance,
        org=org,
        success=_("成员单位已加入。"),
        redirect_to=reverse("alliances:detail", args=[alliance.pk]),
    )


@login_required
@permission_required("alliance.manage")
def activity_create(request, pk):
    alliance = get_in_scope_or_404(_managed_alliances(request.user), pk=pk)
    form = ActivityForm(
        request.POST or None, alliance=alliance, people=visible_people(request.user)
    )
    response = submit(
        request,
        form,
        services.record_alliance_activity,
        alliance=alliance,
        success=_("活动已登记。"),
        denied=_("您不能在该区域进行此操作。"),
        redirect_to=reverse("alliances:detail", args=[alliance.pk]),
    )
    return response or render(
        request,
        "alliances/form.html",
        {"form": form, "title": _("登记联盟活动"), "alliance": alliance},
    )


# ---------------------------------------------------------------------------- part-time members


def _search_members(request):
    form = PartTimeSearchForm(request.GET or None, orgs=visible_orgs(request.user))
    qs = with_led_figures(visible_part_time_members(request.user)).order_by(
        "area__path", "term_end", "pk"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(person__name__contains=data["q"]) | Q(post__contains=data["q"]))
        if data["committee"]:
            qs = qs.filter(committee=data["committee"])
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        if data["ending"]:
            today = timezone.localdate()
            qs = qs.filter(term_end__gte=today, term_end__lte=today + dt.timedelta(days=90))
    return form, qs


@login_required
@permission_required("part_time.view")
def member_list(request):
    form, qs = _search_members(request)
    return render(
        request,
        "alliances/member_list.html",
        {
            "form": form,
            "page_obj": paginate(request, qs),
            "today": timezone.localdate(),
            "soon": timezone.localdate() + dt.timedelta(days=services.REMIND_DAYS),
            "can_create": has_action(request.user, "part_time.create"),
            "can_export": has_action(request.user, "part_time.export"),
        },
    )


@login_required
@permission_required("part_time.export")
def member_export(request):
    form, qs = _search_members(request)
    rows = list(qs)
    filters = {k: str(v) for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    return export_response(
        request,
        action="part_time.export",
        object_type="alliances.parttimemember",
        title=_("兼职委员"),
        data=export_part_time_members(rows),
        count=len(rows),
        filters=filters,
    )


@login_required
@permission_required("part_time.create")
def member_create(request):
    form = PartTimeForm(
        request.POST or None, orgs=visible_orgs(request.user), people=visible_people(request.user)
    )
    response = submit(
        request,
        form,
        services.appoint_part_time_member,
        success=_("兼职委员已登记。"),
        denied=_("您不能在该区域进行此操作。"),
        redirect_to=lambda member: reverse("alliances:member_detail", args=[member.pk]),
    )
    return response or render(
        request, "alliances/form.html", {"form": form, "title": _("登记兼职委员")}
    )


@login_required
@permission_required("part_time.view")
def member_detail(request, pk):
    member = get_in_scope_or_404(with_led_figures(visible_part_time_members(request.user)), pk=pk)
    managed = scope_for(request.user).covers_path(member.area.path)
    return render(
        request,
        "alliances/member_detail.html",
        {
            "member": member,
            "activities": member.activities.all(),
            "term_form": TermForm(),
            "activity_form": LedActivityForm(),
            "can_renew": managed and has_action(request.user, "part_time.update"),
            "can_record": managed and has_action(request.user, "part_time.record_activity"),
        },
    )


def _member_post(request, pk, form_class, call, success):
    member = get_in_scope_or_404(_managed_members(request.user), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("请完整填写表单。"))
    else:
        try:
            call(member, form.cleaned_data)
        except ValidationError as exc:
            for msgs in exc.message_dict.values():
                for m in msgs:
                    messages.error(request, m)
        except PermissionDenied:
            messages.error(request, _("只有兼职党组织所在区域的管理员可以办理。"))
        else:
            messages.success(request, success)
    return redirect("alliances:member_detail", pk=member.pk)


@login_required
@permission_required("part_time.update")
@require_POST
def member_renew(request, pk):
    return _member_post(
        request,
        pk,
        TermForm,
        lambda m, d: services.renew_term(by=request.user, member=m, **d),
        _("任期已更新。"),
    )


@login_required
@permission_required("part_time.record_activity")
@require_POST
def member_activity(request, pk):
    return _member_post(
        request,
        pk,
        LedActivityForm,
        lambda m, d: services.record_led_activity(by=request.user, member=m, **d),
        _("活动已登记。"),
    )


# ------------------------------------------------------------------------------- party bodies


@login_required
@permission_required("alliance.view")
def bodies(request):
    """Each community of an area with its leading party org's current body (支部/总支/党委)
    and the latest recorded change."""
    code = request.GET.get("area", "").strip()
    area = (
        visible_areas(request.user).filter(code=code).first()
        if code
        else root_areas(request.user).first()
    )
    if area is None:
        if code:
            raise Http404
        return render(request, "alliances/bodies.html", {"area": None})
    changes = Prefetch(
        "leading_org__body_changes",
        queryset=PartyBodyChange.objects.order_by("-changed_on", "-id"),
        to_attr="changes",
    )
    page = paginate(request, communities_with_bodies(area).prefetch_related(changes), size=50)
    labels = dict(PartyBody.choices)
    counts = [
        (labels.get(row["leading_org__party_body"], _("未登记领导党组织")), row["n"])
        for row in communities_with_bodies(area)
        .order_by()
        .values("leading_org__party_body")
        .annotate(n=Count("pk"))
        .order_by("leading_org__party_body")
    ]
    return render(
        request, "alliances/bodies.html", {"area": area, "page_obj": page, "counts": counts}
    )
