from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import visible_areas
from wulian.core.spreadsheet_views import export_response, import_page, template_response
from wulian.core.views_helpers import add_errors, paginate, permission_required
from wulian.orgs import services
from wulian.orgs.exporters import export_orgs
from wulian.orgs.forms import OrgForm, OrgSearchForm, PartyBodyForm
from wulian.orgs.importers import OrgImporter
from wulian.orgs.selectors import visible_orgs


def search_orgs(request):
    """The org list as filtered by the search form; shared by the list page and the export."""
    form = OrgSearchForm(request.GET or None)
    qs = visible_orgs(request.user)
    area = None
    if form.is_valid():
        data = form.cleaned_data
        if data["area"]:
            area = visible_areas(request.user).filter(code=data["area"].strip()).first() or Area(path="-none-")
        qs = qs.search(q=data["q"].strip(), kind=data["kind"], party_body=data["party_body"], area=area)
    return form, qs


@login_required
@permission_required("org.view")
def org_list(request):
    form, qs = search_orgs(request)
    return render(request, "orgs/list.html", {
        "form": form, "page_obj": paginate(request, qs),
        "can_create": has_action(request.user, "org.create"),
        "can_import": has_action(request.user, "org.import"),
        "can_export": has_action(request.user, "org.export"),
    })


@login_required
@permission_required("org.view")
def org_detail(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    return render(request, "orgs/detail.html", {
        "org": org, "changes": org.body_changes.all(),
        "body_form": PartyBodyForm(initial={"to_body": org.party_body}),
        "can_edit": has_action(request.user, "org.update"),
        "can_change_body": has_action(request.user, "org.change_body"),
    })


@login_required
@permission_required("org.create")
def org_create(request):
    form = OrgForm(request.POST or None, departments=visible_orgs(request.user).departments(),
                   initial={"area": request.GET.get("area", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not visible_areas(request.user).filter(pk=data["area"].pk).exists():
            form.add_error("area", _("该区域不在您的管辖范围内。"))
        else:
            try:
                org = services.create_org(by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("组织已创建。"))
                return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form})


@login_required
@permission_required("org.update")
def org_edit(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    initial = {
        "name": org.name, "kind": org.kind, "area": org.area.code, "credit_code": org.credit_code or "",
        "line": org.line_id, "address": org.address, "contact_name": org.contact_name,
        "contact_phone": org.contact_phone,
    }
    form = OrgForm(request.POST or None, initial=initial, editing=True,
                   departments=visible_orgs(request.user).departments())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not visible_areas(request.user).filter(pk=data["area"].pk).exists() and data["area"].pk != org.area_id:
            form.add_error("area", _("该区域不在您的管辖范围内。"))
        else:
            try:
                services.update_org(org=org, by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("组织已保存。"))
                return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org})


@login_required
@permission_required("org.change_body")
def org_change_body(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    form = PartyBodyForm(request.POST or None, initial={"to_body": org.party_body})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_party_body(org=org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("党组织形式变更已记录。"))
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/change_body.html", {"form": form, "org": org})


@login_required
@permission_required("org.import")
def org_import(request):
    return import_page(request, OrgImporter(by=request.user), list_url="orgs:list",
                       template_url="orgs:import_template")


@login_required
@permission_required("org.import")
def org_import_template(request):
    return template_response(OrgImporter(by=request.user))


@login_required
@permission_required("org.export")
def org_export(request):
    form, qs = search_orgs(request)
    filters = {k: v for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items() if v}
    return export_response(request, action="org.export", object_type="orgs.org", title=_("组织"),
                           data=export_orgs(qs.iterator(chunk_size=2000)), count=qs.count(), filters=filters)
