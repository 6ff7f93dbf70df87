from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.orgs.selectors import visible_orgs
from wulian.people import services
from wulian.people.exporters import export_people
from wulian.people.forms import (
    ErasureDecisionForm,
    ErasureRequestForm,
    PersonForm,
    PersonSearchForm,
)
from wulian.people.importers import PersonImporter
from wulian.people.models import ErasureRequest, is_personal_number
from wulian.people.selectors import visible_erasure_requests, visible_people
from wulian.web.spreadsheet_views import export_response, import_page, template_response
from wulian.web.views_helpers import (
    act,
    list_page,
    paginate,
    permission_required,
    refuse_area_outside_scope,
    search_filters,
    submit,
)


def search_people(request, data=None):
    """The people list as filtered by the search form. A full phone or ID number is searched only
    when posted (``data``): in a query string it would land in the access logs."""
    form = PersonSearchForm(data if data is not None else (request.GET or None))
    qs = visible_people(request.user)
    if data is None and is_personal_number(request.GET.get("q", "")):
        form.is_valid()
        form.add_error(
            "q", _("完整手机号或身份证号请在搜索框中输入后点“查询”（不会出现在网址中）。")
        )
        return form, qs.none()
    if form.is_valid():
        data = form.cleaned_data
        member = {"1": True, "0": False}.get(data["is_party_member"])
        qs = qs.search(
            q=data["q"].strip(),
            area=search_area(request.user, data["area"]),
            is_party_member=member,
        )
    return form, qs


@login_required
@permission_required("person.view")
def person_list(request):
    if request.method == "POST":  # the search form posts, so that numbers stay out of URLs
        form = PersonSearchForm(request.POST)
        if form.is_valid() and not is_personal_number(form.cleaned_data["q"]):
            params = {k: v for k, v in form.cleaned_data.items() if v}
            return redirect(f"{reverse('people:list')}?{urlencode(params)}")
        form, qs = search_people(request, data=request.POST)
    else:
        form, qs = search_people(request)
    return list_page(
        request,
        "people/list.html",
        form,
        qs,
        can={"create": "person.create", "import": "person.import", "export": "person.export"},
    )


@login_required
@permission_required("person.view")
def person_detail(request, pk):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "can_edit": has_action(request.user, "person.update"),
            "can_reveal": has_action(request.user, "person.reveal"),
        },
    )


@login_required
@permission_required("person.create")
def person_create(request):
    form = PersonForm(
        request.POST or None,
        orgs=visible_orgs(request.user),
        initial={"home_area": request.GET.get("area", "")},
    )
    refuse_area_outside_scope(request, form, "home_area")
    response = submit(
        request,
        form,
        services.create_person,
        success=_("人员已登记。"),
        redirect_to=lambda person: reverse("people:detail", args=[person.pk]),
    )
    return response or render(request, "people/form.html", {"form": form})


def _update_person(*, by, person, phone, id_number, address, **data):
    """Save the edit form: a phone, ID number or address left blank keeps the stored one."""
    secrets = {
        name: value
        for name, value in (("phone", phone), ("id_number", id_number), ("address", address))
        if value
    }
    return services.update_person(person=person, by=by, **data, **secrets)


@login_required
@permission_required("person.update")
def person_edit(request, pk):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    initial = {
        "name": person.name,
        "home_area": person.home_area.code,
        "is_party_member": person.is_party_member,
        "party_org": person.party_org_id,
        "skills": person.skills,
    }
    form = PersonForm(
        request.POST or None, initial=initial, orgs=visible_orgs(request.user), editing=True
    )
    refuse_area_outside_scope(request, form, "home_area")
    response = submit(
        request,
        form,
        _update_person,
        person=person,
        success=_("人员信息已保存。"),
        redirect_to=reverse("people:detail", args=[person.pk]),
    )
    return response or render(request, "people/form.html", {"form": form, "person": person})


@login_required
@permission_required("person.reveal")
@require_POST
def person_reveal(request, pk, field):
    person = get_in_scope_or_404(visible_people(request.user), pk=pk)
    try:
        value = services.reveal_person_field(person=person, field=field, by=request.user)
    except ValidationError as exc:
        return HttpResponse(escape(exc.messages[0]), status=400)
    return HttpResponse(
        f'<span class="font-monospace" id="revealed-{escape(field)}">{escape(value)}</span>'
    )


@login_required
@permission_required("person.import")
def person_import(request):
    return import_page(
        request,
        PersonImporter(by=request.user),
        list_url="people:list",
        template_url="people:import_template",
    )


@login_required
@permission_required("person.import")
def person_import_template(request):
    return template_response(PersonImporter(by=request.user))


@login_required
@permission_required("person.export")
def person_export(request):
    form, qs = search_people(request, data=request.POST if request.method == "POST" else None)
    # The search box may hold a full phone or ID number: the audit trail only notes its use.
    filters = {k: ("***" if k == "q" else v) for k, v in search_filters(form).items()}
    # Full numbers (so that the file imports back) for who may reveal them, masked for the others.
    full_numbers = has_action(request.user, "person.reveal")
    return export_response(
        request,
        action="person.export",
        object_type="people.person",
        title=_("人员"),
        data=export_people(qs.iterator(chunk_size=2000), full_numbers=full_numbers),
        count=qs.count(),
        filters={**filters, "full_numbers": full_numbers},
    )


# --- Deletion requests (PIPL art. 47) -------------------------------------------------------------


@login_required
@permission_required("erasure.request")
def erasure_request(request):
    """A resident's own deletion request: the form, and their requests so far."""
    form = ErasureRequestForm(request.POST or None)
    response = submit(
        request,
        form,
        services.request_erasure,
        success=_("删除申请已提交，社区工作人员将尽快办理。"),
        redirect_to=reverse("people:erasure_request"),
    )
    mine = ErasureRequest.objects.filter(requested_by=request.user).order_by("-created_at", "-id")
    return response or render(
        request,
        "people/erasure_request.html",
        {"form": form, "requests": mine},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("erasure.decide")
def erasure_list(request):
    from django.db.models import Case, Value, When

    pending_first = Case(When(status="pending", then=Value(0)), default=Value(1))
    qs = visible_erasure_requests(request.user).order_by(pending_first, "-created_at", "-id")
    return render(
        request,
        "people/erasure_list.html",
        {"page_obj": paginate(request, qs), "decision_form": ErasureDecisionForm()},
    )


@login_required
@permission_required("erasure.decide")
@require_POST
def erasure_decide(request, pk):
    erasure = get_in_scope_or_404(visible_erasure_requests(request.user), pk=pk)
    form = ErasureDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("people:erasure_list")
    return act(
        request,
        services.decide_erasure,
        erasure=erasure,
        **form.cleaned_data,
        success=lambda r: _("已办结：%(s)s。") % {"s": r.get_status_display()},
        redirect_to=reverse("people:erasure_list"),
    )
