"""Pages of resident reports: the resident's phone pages (report, mine, one tap 已解决 / 未解决 with
htmx) and the staff's triage (list, detail with duplicate / route / case / agenda / handled)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.reports import forms, rules, selectors, services
from wulian.reports.models import Report, ReportPhoto
from wulian.web.views_helpers import (
    act,
    flash_errors,
    list_page,
    paginate,
    permission_required,
    submit,
)


@login_required
@permission_required("report.submit")
def report_new(request):
    """A resident reports a problem (phone-first)."""
    person = getattr(request.user, "person", None)
    form = forms.ReportForm(
        request.POST or None, request.FILES or None, areas=selectors.grid_choices(person)
    )
    response = submit(
        request,
        form,
        services.submit_report,
        success=_("已提交，社区会尽快处理。"),
        redirect_to=lambda report: reverse("reports:mine_detail", args=[report.pk]),
    )
    if response is not None:
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/new.html", {"form": form}, status=status)


@login_required
@permission_required("report.follow")
def mine_list(request):
    return render(
        request,
        "reports/mine_list.html",
        {"page_obj": paginate(request, selectors.my_reports(request.user))},
    )


@login_required
@permission_required("report.follow")
def mine_detail(request, pk):
    report = get_in_scope_or_404(selectors.my_reports(request.user), pk=pk)
    return render(
        request,
        "reports/mine_detail.html",
        {
            "report": report,
            "timeline": selectors.timeline(report),
            "photos": list(report.photos.all()),
        },
    )


@login_required
@permission_required("report.follow")
@require_POST
def mine_answer(request, pk):
    """The one tap: recorded at once; with htmx only the answer block is swapped."""
    report = get_in_scope_or_404(selectors.my_reports(request.user), pk=pk)
    form = forms.AnswerForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("请选择“已解决”或“未解决”。")
    else:
        try:
            report = services.answer_report(
                report=report, by=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            error = "；".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "reports/_answer.html",
            {"report": report, "error": error},
            status=400 if error else 200,
        )
    if error:
        from django.contrib import messages

        messages.error(request, error)
    return redirect("reports:mine_detail", pk=report.pk)


def _photo_response(photo: ReportPhoto) -> FileResponse:
    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required("report.follow")
def mine_photo(request, pk, photo_pk):
    report = get_in_scope_or_404(selectors.my_reports(request.user), pk=pk)
    return _photo_response(get_in_scope_or_404(report.photos.all(), pk=photo_pk))


@login_required
@permission_required("report.view")
def photo(request, pk, photo_pk):
    report = get_in_scope_or_404(selectors.visible_reports(request.user), pk=pk)
    return _photo_response(get_in_scope_or_404(report.photos.all(), pk=photo_pk))


@login_required
@permission_required("report.view")
def report_list(request):
    form = forms.ReportSearchForm(request.GET or None)
    qs = selectors.visible_reports(request.user)
    if form.is_valid():
        d = form.cleaned_data
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["category"]:
            qs = qs.filter(category=d["category"])
        area = search_area(request.user, d["area"])
        if area is not None:
            qs = qs.in_area(area)
    return list_page(request, "reports/list.html", form, qs)


def _detail_context(request, report: Report, **forms_given) -> dict:
    can_triage = rules.can_triage(request.user, report)
    return {
        "report": report,
        "timeline": selectors.timeline(report),
        "photos": list(report.photos.all()),
        "can_triage": can_triage,
        "can_handle": rules.can_handle(request.user, report),
        "duplicate_form": forms_given.get("duplicate_form") or forms.DuplicateForm(),
        "route_form": forms_given.get("route_form")
        or (forms.RouteForm(orgs=services.routable_orgs(report)) if can_triage else None),
        "agenda_form": forms_given.get("agenda_form")
        or (
            forms.AgendaForm(meetings=selectors.meetings_for(request.user, report))
            if can_triage
            else None
        ),
        "handle_form": forms_given.get("handle_form") or forms.HandleForm(),
    }


@login_required
@permission_required("report.view")
def report_detail(request, pk):
    report = get_in_scope_or_404(selectors.visible_reports(request.user), pk=pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


def _triaged(request, pk) -> Report:
    report = get_in_scope_or_404(selectors.visible_reports(request.user), pk=pk)
    if not rules.can_triage(request.user, report):
        raise Http404
    return report


def _form_post(request, report, form, service, success, form_name, **kwargs):
    response = submit(
        request,
        form,
        service,
        report=report,
        success=success,
        redirect_to=reverse("reports:detail", args=[report.pk]),
        **kwargs,
    )
    if response is not None:
        return response
    return render(
        request,
        "reports/detail.html",
        _detail_context(request, report, **{form_name: form}),
        status=400,
    )


@login_required
@permission_required("report.triage")
@require_POST
def report_duplicate(request, pk):
    report = _triaged(request, pk)
    form = forms.DuplicateForm(request.POST)
    if form.is_valid():
        original = (
            selectors.visible_reports(request.user).filter(pk=form.cleaned_data["original"]).first()
        )
        if original is None:
            form.add_error(
                "original",
                _("编号为 %(n)d 的反映不存在或不在您的管辖范围内。")
                % {"n": form.cleaned_data["original"]},
            )
        else:
            try:
                services.mark_duplicate(report=report, by=request.user, original=original)
            except ValidationError as exc:
                from wulian.web.views_helpers import add_errors

                add_errors(form, exc)
            else:
                from django.contrib import messages

                messages.success(request, _("已合并到 #%(n)d。") % {"n": original.pk})
                return redirect("reports:detail", pk=report.pk)
    return render(
        request,
        "reports/detail.html",
        _detail_context(request, report, duplicate_form=form),
        status=400,
    )


@login_required
@permission_required("report.triage")
@require_POST
def report_route(request, pk):
    report = _triaged(request, pk)
    form = forms.RouteForm(request.POST, orgs=services.routable_orgs(report))
    return _form_post(request, report, form, services.route_report, _("已转交。"), "route_form")


@login_required
@permission_required("report.triage")
@require_POST
def report_to_case(request, pk):
    report = _triaged(request, pk)
    return act(
        request,
        services.report_to_case,
        report=report,
        success=_("已转为矛盾纠纷。"),
        redirect_to=reverse("reports:detail", args=[report.pk]),
    )


@login_required
@permission_required("report.triage")
@require_POST
def report_to_agenda(request, pk):
    report = _triaged(request, pk)
    form = forms.AgendaForm(request.POST, meetings=selectors.meetings_for(request.user, report))
    return _form_post(
        request, report, form, services.report_to_agenda, _("已列入联席会议议程。"), "agenda_form"
    )


@login_required
@permission_required("report.handle")
@require_POST
def report_handle(request, pk):
    report = get_in_scope_or_404(selectors.visible_reports(request.user), pk=pk)
    form = forms.HandleForm(request.POST)
    try:
        return _form_post(
            request,
            report,
            form,
            services.handle_report,
            _("已记录处理情况，等待居民确认。"),
            "handle_form",
        )
    except PermissionDenied:
        flash_errors(request, ValidationError(_("您不能处理该反映。")))
        return redirect("reports:detail", pk=report.pk)
