from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.orgs import services
from wulian.orgs.exporters import export_orgs
from wulian.orgs.forms import OrgForm, OrgSearchForm, PartyBodyForm
from wulian.orgs.importers import OrgImporter
from wulian.orgs.models import Org
from wulian.orgs.rules import can_change_body, can_see_contact_phone, can_update, fields_denied
from wulian.orgs.selectors import visible_orgs
from wulian.web.spreadsheet_views import export_response, import_page, template_response
from wulian.web.views_helpers import (
    list_page,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


def search_orgs(request):
    """The org list as filtered by the search form; shared by the list page and the export."""
    qs = visible_orgs(request.user)
    form = OrgSearchForm(request.GET or None, departments=qs.departments())
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(
            q=data["q"].strip(),
            kind=data["kind"],
            party_body=data["party_body"],
            area=search_area(request.user, data["area"]),
            line=data["line"].pk if data["line"] else None,
        )
    return form, qs


@login_required
@permission_required("org.view")
def org_list(request):
    form, qs = search_orgs(request)
    return list_page(
        request,
        "orgs/list.html",
        form,
        qs,
        can={"create": "org.create", "import": "org.import", "export": "org.export"},
    )


@login_required
@permission_required("org.view")
def org_detail(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "changes": org.body_changes.all(),
            "contact_phone": org.contact_phone
            if can_see_contact_phone(request.user, org)
            else org.contact_phone_masked,
            "body_form": PartyBodyForm(initial={"to_body": org.party_body}),
            "can_edit": can_update(request.user, org),
            "can_change_body": can_change_body(request.user, org),
        },
    )


@login_required
@permission_required("org.create")
def org_create(request):
    form = OrgForm(
        request.POST or None,
        departments=visible_orgs(request.user).departments(),
        initial={"area": request.GET.get("area", "")},
    )
    refuse_area_outside_scope(request, form)
    response = submit(
        request,
        form,
        services.create_org,
        success=_("组织已创建。"),
        redirect_to=lambda org: reverse("orgs:detail", args=[org.pk]),
    )
    return response or render(request, "orgs/form.html", {"form": form})


@login_required
@permission_required("org.update")
def org_edit(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    initial = {
        "name": org.name,
        "kind": org.kind,
        "area": org.area.code,
        "credit_code": org.credit_code or "",
        "line": org.line_id,
        "address": org.address,
        "contact_name": org.contact_name,
        "contact_phone": org.contact_phone
        if can_see_contact_phone(request.user, org)
        else org.contact_phone_masked,
    }
    departments = visible_orgs(request.user).departments()
    if org.line_id:
        departments = departments | Org.objects.filter(pk=org.line_id)
    form = OrgForm(request.POST or None, initial=initial, editing=True, departments=departments)
    locked = fields_denied(request.user, org, form.fields)
    for name in locked:  # shown, not editable, not sent to the service
        form.fields[name].disabled = True

    def update(**data):
        return services.update_org(**{k: v for k, v in data.items() if k not in locked})

    refuse_area_outside_scope(request, form, current=org.area)
    response = submit(
        request,
        form,
        update,
        org=org,
        success=_("组织已保存。"),
        redirect_to=reverse("orgs:detail", args=[org.pk]),
    )
    return response or render(request, "orgs/form.html", {"form": form, "org": org})


@login_required
@permission_required("org.change_body")
def org_change_body(request, pk):
    org = get_in_scope_or_404(visible_orgs(request.user), pk=pk)
    form = PartyBodyForm(request.POST or None, initial={"to_body": org.party_body})
    response = submit(
        request,
        form,
        services.change_party_body,
        org=org,
        success=_("党组织形式变更已记录。"),
        redirect_to=reverse("orgs:detail", args=[org.pk]),
    )
    return response or render(request, "orgs/change_body.html", {"form": form, "org": org})


@login_required
@permission_required("org.import")
def org_import(request):
    return import_page(
        request,
        OrgImporter(by=request.user),
        list_url="orgs:list",
        template_url="orgs:import_template",
    )


@login_required
@permission_required("org.import")
def org_import_template(request):
    return template_response(OrgImporter(by=request.user))


@login_required
@permission_required("org.export")
def org_export(request):
    form, qs = search_orgs(request)
    return export_response(
        request,
        action="org.export",
        object_type="orgs.org",
        title=_("组织"),
        data=export_orgs(qs.iterator(chunk_size=2000)),
        count=qs.count(),
        filters=search_filters(form),
    )
