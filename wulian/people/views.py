from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import visible_areas
from wulian.core.spreadsheet_views import export_response, import_page, template_response
from wulian.core.views_helpers import add_errors, paginate, permission_required
from wulian.orgs.selectors import visible_orgs
from wulian.people import services
from wulian.people.exporters import export_people
from wulian.people.forms import PersonForm, PersonSearchForm
from wulian.people.importers import PersonImporter
from wulian.people.selectors import visible_people


def search_people(request):
    form = PersonSearchForm(request.GET or None)
    qs = visible_people(request.user)
    if form.is_valid():
        data = form.cleaned_data
        area = None
        if data["area"]:
            area = visible_areas(request.user).filter(code=data["area"].strip()).first() or Area(path="-none-")
        member = {"1": True, "0": False}.get(data["is_party_member"])
        qs = qs.search(q=data["q"].strip(), area=area, is_party_member=member)
    return form, qs


@login_required
@permission_required("person.view")
def person_list(request):
    form, qs = search_people(request)
    return render(request, "people/list.html", {
        "form": form, "page_obj": paginate(request, qs),
        "can_create": has_action(request.user, "person.create"),
        "can_import": has_action(request.user, "person.import"),
        "can_export": has_action(request.user, "person.export"),
    })


@login_required
@permission_required("person.view")
def person_detail(request, pk):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    return render(request, "people/detail.html", {
        "person": person,
        "can_edit": has_action(request.user, "person.update"),
        "can_reveal": has_action(request.user, "person.reveal"),
    })


@login_required
@permission_required("person.create")
def person_create(request):
    form = PersonForm(request.POST or None, orgs=visible_orgs(request.user),
                      initial={"home_area": request.GET.get("area", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not visible_areas(request.user).filter(pk=data["home_area"].pk).exists():
            form.add_error("home_area", _("该区域不在您的管辖范围内。"))
        else:
            try:
                person = services.create_person(by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("人员已登记。"))
                return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form})


@login_required
@permission_required("person.update")
def person_edit(request, pk):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    initial = {
        "name": person.name, "home_area": person.home_area.code, "is_party_member": person.is_party_member,
        "party_org": person.party_org_id, "skills": person.skills,
    }
    form = PersonForm(request.POST or None, initial=initial, orgs=visible_orgs(request.user), editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for secret in ("phone", "id_number"):
            if not data[secret]:
                data.pop(secret)
        if not visible_areas(request.user).filter(pk=data["home_area"].pk).exists():
            form.add_error("home_area", _("该区域不在您的管辖范围内。"))
        else:
            try:
                services.update_person(person=person, by=request.user, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("人员信息已保存。"))
                return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person})


@login_required
@permission_required("person.reveal")
@require_POST
def person_reveal(request, pk, field):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    try:
        value = services.reveal_person_field(person=person, field=field, by=request.user)
    except ValidationError as exc:
        return HttpResponse(escape(exc.messages[0]), status=400)
    return HttpResponse(f'<span class="font-monospace" id="revealed-{escape(field)}">{escape(value)}</span>')


@login_required
@permission_required("person.import")
def person_import(request):
    return import_page(request, PersonImporter(by=request.user), list_url="people:list",
                       template_url="people:import_template")


@login_required
@permission_required("person.import")
def person_import_template(request):
    return template_response(PersonImporter(by=request.user))


@login_required
@permission_required("person.export")
def person_export(request):
    form, qs = search_people(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    # The search box may hold a full phone or ID number: the audit trail only notes its use.
    filters = {k: ("***" if k == "q" else v) for k, v in data.items() if v}
    return export_response(request, action="person.export", object_type="people.person", title=_("人员"),
                           data=export_people(qs.iterator(chunk_size=2000)), count=qs.count(), filters=filters)
