from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.centres import forms, selectors, services
from wulian.centres.models import CentreService
from wulian.web.views_helpers import (
    act,
    list_page,
    permission_required,
    refuse_area_outside_scope,
    submit,
)


def _detail_url(centre) -> str:
    return reverse("centres:detail", args=[centre.pk])


def _hours_text(centre) -> str:
    return "\n".join(
        f"{line['days']} {line['times']}"
        for line in selectors.hours_lines(list(centre.hours.all()))
    )


@login_required
@permission_required("centre.view")
def centre_list(request):
    form = forms.CentreSearchForm(request.GET or None)
    qs = selectors.visible_centres(request.user)
    if form.is_valid():
        d = form.cleaned_data
        qs = qs.search(q=d["q"].strip(), area=search_area(request.user, d["area"]))
    return list_page(request, "centres/list.html", form, qs, can={"create": "centre.manage"})


@login_required
@permission_required("centre.manage")
def centre_create(request):
    form = forms.CentreCreateForm(
        request.POST or None, initial={"community": request.GET.get("community", "")}
    )
    refuse_area_outside_scope(request, form, "community")
    response = submit(
        request,
        form,
        services.create_centre,
        success=_("党群服务中心已登记。"),
        redirect_to=_detail_url,
    )
    return response or render(
        request, "centres/form.html", {"form": form, "title": _("登记党群服务中心")}
    )


@login_required
@permission_required("centre.view")
def centre_detail(request, pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    can_manage = has_action(request.user, "centre.manage")
    return render(
        request,
        "centres/detail.html",
        {
            "centre": centre,
            "hours": selectors.hours_lines(list(centre.hours.all())),
            "services": centre.services.all(),
            "resources": centre.resources.select_related("org"),
            "public": selectors.public_centre(centre.community),
            "can_manage": can_manage,
            "service_form": forms.ServiceForm() if can_manage else None,
            "link_form": forms.LinkResourceForm(resources=selectors.linkable_resources(centre))
            if can_manage
            else None,
        },
    )


@login_required
@permission_required("centre.manage")
def centre_edit(request, pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    form = forms.CentreForm(
        request.POST or None,
        initial={
            "name": centre.name,
            "address": centre.address,
            "phone": centre.phone,
            "description": centre.description,
            "hours": _hours_text(centre),
            "is_public": centre.is_public,
        },
    )
    response = submit(
        request,
        form,
        services.update_centre,
        centre=centre,
        success=_("已保存。"),
        redirect_to=_detail_url,
    )
    return response or render(
        request, "centres/form.html", {"form": form, "title": _("编辑：%(n)s") % {"n": centre}}
    )


@login_required
@permission_required("centre.manage")
@require_POST
def service_add(request, pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    form = forms.ServiceForm(request.POST)
    if not form.is_valid():
        return render(
            request, "centres/form.html", {"form": form, "title": _("添加服务项目")}, status=400
        )
    return act(
        request,
        services.add_service,
        centre=centre,
        success=_("服务项目已添加。"),
        redirect_to=_detail_url(centre),
        **form.cleaned_data,
    )


@login_required
@permission_required("centre.manage")
@require_POST
def service_delete(request, pk, service_pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    service = get_in_scope_or_404(
        CentreService.objects.filter(centre=centre).select_related("centre__community"),
        pk=service_pk,
    )
    return act(
        request,
        services.remove_service,
        centre_service=service,
        success=_("服务项目已删除。"),
        redirect_to=_detail_url(centre),
    )


@login_required
@permission_required("centre.manage")
@require_POST
def resource_link(request, pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    form = forms.LinkResourceForm(request.POST, resources=selectors.linkable_resources(centre))
    if not form.is_valid():
        return render(
            request, "centres/form.html", {"form": form, "title": _("关联共享资源")}, status=400
        )
    return act(
        request,
        services.link_resource,
        centre=centre,
        resource=form.cleaned_data["resource"],
        success=_("已关联共享资源。"),
        redirect_to=_detail_url(centre),
    )


@login_required
@permission_required("centre.manage")
@require_POST
def resource_unlink(request, pk, resource_pk):
    centre = get_in_scope_or_404(selectors.visible_centres(request.user), pk=pk)
    resource = get_in_scope_or_404(centre.resources.all(), pk=resource_pk)
    return act(
        request,
        services.unlink_resource,
        centre=centre,
        resource=resource,
        success=_("已取消关联。"),
        redirect_to=_detail_url(centre),
    )
