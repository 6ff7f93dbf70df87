from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.activities import exporters, forms, selectors, services
from wulian.areas.selectors import search_area
from wulian.core import checkin as kernel
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import (
    act,
    list_page,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


def _detail_url(activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def _search(request):
    form = forms.ActivitySearchForm(request.GET or None)
    qs = selectors.visible_activities(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(q=d["q"].strip(), kind=d["kind"], area=search_area(request.user, d["area"]))
    return form, qs


@login_required
@permission_required("activity.view")
def activity_list(request):
    form, qs = _search(request)
    return list_page(
        request,
        "activities/list.html",
        form,
        qs,
        can={"create": "activity.create", "export": "activity.export"},
    )


@login_required
@permission_required("activity.export")
def activity_export(request):
    form, qs = _search(request)
    rows = list(qs)
    return export_response(
        request,
        action="activity.export",
        object_type="activities.activity",
        title=_("党建活动"),
        data=exporters.export_activities(rows),
        count=len(rows),
        filters=search_filters(form),
    )


@login_required
@permission_required("activity.create")
def activity_create(request):
    form = forms.ActivityCreateForm(
        request.POST or None,
        organisers=selectors.organisers_for(request.user),
        initial={"area": request.GET.get("area", "")},
    )
    refuse_area_outside_scope(request, form, "area")
    response = submit(
        request, form, services.create_activity, success=_("活动已登记。"), redirect_to=_detail_url
    )
    return response or render(
        request, "activities/form.html", {"form": form, "title": _("登记党建活动")}
    )


@login_required
@permission_required("activity.view")
def activity_detail(request, pk):
    activity = get_in_scope_or_404(selectors.visible_activities(request.user), pk=pk)
    can_update = has_action(request.user, "activity.update") and scope_for(
        request.user
    ).covers_path(activity.area.path)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "signins": selectors.signins(activity),
            "can_update": can_update,
            "open": services.now_open(activity),
            "closes_at": services.window(activity).closes_at,
            "signin_form": forms.SignInForm() if can_update else None,
        },
    )


def _managed(request, pk):
    """An activity of the user's subtrees (a unit contact sees its own but does not run it): 404 otherwise."""
    qs = selectors.visible_activities(request.user).filter(scope_for(request.user).paths_q("area"))
    return get_in_scope_or_404(qs, pk=pk)


@login_required
@permission_required("activity.update")
def activity_edit(request, pk):
    activity = _managed(request, pk)
    form = forms.ActivityForm(
        request.POST or None,
        organisers=selectors.organisers_for(request.user),
        initial={
            "kind": activity.kind,
            "title": activity.title,
            "organiser": activity.organiser_id,
            "place": activity.place,
            "starts_at": activity.starts_at,
            "ends_at": activity.ends_at,
            "description": activity.description,
        },
    )
    response = submit(
        request,
        form,
        services.update_activity,
        activity=activity,
        success=_("已保存。"),
        redirect_to=_detail_url,
    )
    return response or render(
        request, "activities/form.html", {"form": form, "title": _("编辑：%(t)s") % {"t": activity}}
    )


@login_required
@permission_required("activity.update")
@require_POST
def signin_add(request, pk):
    activity = _managed(request, pk)
    form = forms.SignInForm(request.POST)
    if not form.is_valid():
        return render(
            request, "activities/form.html", {"form": form, "title": _("登记签到")}, status=400
        )
    return act(
        request,
        services.record_signin,
        activity=activity,
        name=form.cleaned_data["name"],
        success=_("已登记签到。"),
        redirect_to=_detail_url(activity),
    )


@login_required
@permission_required("activity.update")
def activity_qr(request, pk):
    """The QR code shown on site: a signed URL with a maximum age."""
    activity = _managed(request, pk)
    url = request.build_absolute_uri(
        reverse("activities:checkin", kwargs={"token": services.checkin_token(activity)})
    )
    return render(
        request,
        "activities/qr.html",
        {
            "activity": activity,
            "svg": kernel.qr_svg(url),
            "url": url,
            "closes_at": services.window(activity).closes_at,
        },
    )


@login_required
@permission_required("activity.checkin")
def checkin(request, token):
    """Opening the scanned URL signs the user's person in, once; an account without a linked
    person first names who came."""
    try:
        activity, existing = services.checkin_preview(token=token, by=request.user)
    except ValidationError as exc:
        return render(request, "activities/checkin.html", {"error": exc.messages[0]})
    if existing is not None:
        return render(
            request,
            "activities/checkin.html",
            {"signin": existing, "created": False, "activity": activity},
        )
    name = ""
    if request.user.person_id is None:
        form = forms.CheckinNameForm(request.POST or None)
        if request.method != "POST" or not form.is_valid():
            return render(
                request, "activities/checkin.html", {"activity": activity, "name_form": form}
            )
        name = form.cleaned_data["name"]
    context: dict = {"activity": activity}
    try:
        signin, created = services.checkin(token=token, by=request.user, name=name)
    except ValidationError as exc:
        context["error"] = exc.messages[0]
    else:
        context.update(signin=signin, created=created)
    return render(request, "activities/checkin.html", context)
