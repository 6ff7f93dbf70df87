"""Monthly dispatches (调度通报): list and export, generating a draft, editing, criticisms,
publishing, corrections, the PDF and the figures."""

import logging
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.core.crypto import sm3_hex
from wulian.dispatches import services
from wulian.dispatches.exporters import export_dispatch_figures, export_dispatches
from wulian.dispatches.forms import (
    CriticismForm,
    DispatchEditForm,
    DispatchSearchForm,
    GenerateForm,
)
from wulian.dispatches.models import Criticism, DispatchStatus
from wulian.dispatches.selectors import managed_dispatches, visible_dispatches
from wulian.orgs.selectors import visible_orgs
from wulian.web.spreadsheet_views import export_response, search_export
from wulian.web.views_helpers import (
    add_errors,
    attempt,
    list_page,
    permission_required,
    submit,
)

log = logging.getLogger(__name__)


def _search_dispatches(request):
    form = DispatchSearchForm(request.GET or None)
    qs = visible_dispatches(request.user)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(title__contains=d["q"].strip())
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["year"]:
            qs = qs.filter(period__year=d["year"])
    return form, qs


@login_required
@permission_required("dispatch.view")
def dispatch_list(request):
    form, qs = _search_dispatches(request)
    return list_page(
        request,
        "dispatches/list.html",
        form,
        qs,
        can={"create": "dispatch.create", "export": "dispatch.export"},
    )


@login_required
@permission_required("dispatch.export")
def dispatch_export(request):
    return search_export(
        request,
        _search_dispatches,
        action="dispatch.export",
        object_type="dispatches.dispatch",
        title=_("调度通报"),
        write=export_dispatches,
    )


@login_required
@permission_required("dispatch.create")
def dispatch_generate(request):
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispatch, _created = services.generate_monthly_dispatch(
                by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            form.add_error("scope_area", _("该区域不在您的管辖范围内。"))
        else:
            messages.success(request, _("调度通报草稿已生成，请审核。"))
            return redirect("dispatches:detail", pk=dispatch.pk)
    return render(request, "dispatches/form.html", {"form": form, "title": _("生成月度调度通报")})


def _dispatch_page(request, dispatch, *, criticism_form=None, status=200):
    manages = scope_for(request.user).covers_path(
        dispatch.scope_area.path
    )  # else a criticised org reading
    editable = (
        manages
        and dispatch.status == DispatchStatus.DRAFT
        and has_action(request.user, "dispatch.edit")
    )
    in_scope_orgs = (
        visible_orgs(request.user)
        .filter(area__path__startswith=dispatch.scope_area.path)
        .exclude(pk=dispatch.issuer_id)
    )
    return render(
        request,
        "dispatches/detail.html",
        {
            "dispatch": dispatch,
            "figures": dispatch.figures,
            "criticisms": dispatch.criticisms.select_related("org", "rectification"),
            "criticism_form": (criticism_form or CriticismForm(orgs=in_scope_orgs))
            if editable
            else None,
            "editable": editable,
            "can_publish": manages
            and dispatch.status == DispatchStatus.DRAFT
            and has_action(request.user, "dispatch.publish"),
            "can_correct": manages
            and dispatch.is_published
            and has_action(request.user, "dispatch.create"),
            "can_export": manages and has_action(request.user, "dispatch.export"),
            "corrections": dispatch.corrections.all(),
        },
        status=status,
    )


@login_required
@permission_required("dispatch.view")
def dispatch_detail(request, pk):
    return _dispatch_page(request, get_in_scope_or_404(visible_dispatches(request.user), pk=pk))


@login_required
@permission_required("dispatch.edit")
def dispatch_edit(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    form = DispatchEditForm(
        request.POST or None,
        initial={
            "title": dispatch.title,
            "intro": dispatch.intro,
            "closing": dispatch.closing,
            "cc": dispatch.cc,
        },
    )
    if dispatch.is_published:
        messages.error(request, _(services.PUBLISHED_REFUSAL))
        return redirect("dispatches:detail", pk=dispatch.pk)
    response = submit(
        request,
        form,
        services.update_dispatch,
        dispatch=dispatch,
        success=_("已保存。"),
        redirect_to=reverse("dispatches:detail", args=[dispatch.pk]),
    )
    return response or render(
        request,
        "dispatches/form.html",
        {"form": form, "title": _("修改通报：%(t)s") % {"t": dispatch.title}},
    )


@login_required
@permission_required("dispatch.edit")
@require_POST
def dispatch_criticize(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    orgs = visible_orgs(request.user)
    form = CriticismForm(request.POST, orgs=orgs)
    response = submit(
        request,
        form,
        services.add_criticism,
        dispatch=dispatch,
        success=_("已添加通报批评。"),
        redirect_to=reverse("dispatches:detail", args=[dispatch.pk]),
    )
    return response or _dispatch_page(request, dispatch, criticism_form=form, status=400)


@login_required
@permission_required("dispatch.edit")
@require_POST
def criticism_delete(request, pk):
    criticism = get_in_scope_or_404(
        Criticism.objects.filter(dispatch__in=managed_dispatches(request.user)).select_related(
            "dispatch"
        ),
        pk=pk,
    )
    attempt(
        request,
        lambda: services.remove_criticism(by=request.user, criticism=criticism),
        _("已删除通报批评。"),
    )
    return redirect("dispatches:detail", pk=criticism.dispatch_id)


@login_required
@permission_required("dispatch.publish")
@require_POST
def dispatch_publish(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    attempt(
        request,
        lambda: services.publish_dispatch(by=request.user, dispatch=dispatch),
        lambda published: _("已发布：%(no)s") % {"no": published.document_no},
    )
    return redirect("dispatches:detail", pk=dispatch.pk)


@login_required
@permission_required("dispatch.create")
@require_POST
def dispatch_correct(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    done, correction = attempt(
        request,
        lambda: services.start_correction(by=request.user, dispatch=dispatch),
        _("已创建更正通报草稿。"),
    )
    return redirect("dispatches:detail", pk=correction.pk if done else dispatch.pk)


@login_required
@permission_required("dispatch.view")
def dispatch_pdf(request, pk):
    """Published: the frozen file, checked against its SM3 hash. Draft: a preview."""
    dispatch = get_in_scope_or_404(visible_dispatches(request.user), pk=pk)
    if dispatch.is_published:
        data = dispatch.pdf.open("rb").read()
        if sm3_hex(data) != dispatch.pdf_sm3:
            log.error("dispatch %s: stored PDF does not match its SM3 hash", dispatch.pk)
            return HttpResponse(_("正式文件校验失败，请联系管理员。"), status=409)
        name = f"{dispatch.document_no}.pdf"
    else:
        data = services.render_dispatch_pdf(dispatch, draft=True)
        name = _("草稿_%(t)s.pdf") % {"t": dispatch.title[:20]}
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}"
    response["X-Content-SM3"] = sm3_hex(data)
    return response


@login_required
@permission_required("dispatch.export")
def figures_export(request, pk):
    dispatch = get_in_scope_or_404(managed_dispatches(request.user), pk=pk)
    return export_response(
        request,
        action="dispatch.export",
        object_type="dispatches.dispatch",
        title=_("调度数据"),
        data=export_dispatch_figures(dispatch),
        count=len(dispatch.figures.get("rows", [])),
        filters={"dispatch": dispatch.pk},
    )
