"""Staff pages: the needs of their areas with export, posting for a resident (代办), the
community's decision after the confirmation deadline, and party members' registration (报到)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.needs import selectors, services
from wulian.needs.exporters import export_needs
from wulian.needs.forms import DecideForm, NeedSearchForm, OnBehalfForm, RegisterForm
from wulian.needs.models import CommunityRegistration
from wulian.needs.views.residents import post_on_detail
from wulian.people.models import Person
from wulian.people.selectors import visible_people
from wulian.web.spreadsheet_views import search_export
from wulian.web.views_helpers import (
    add_errors,
    attempt,
    list_page,
    paginate,
    permission_required,
    submit,
)


def _search(request):
    form = NeedSearchForm(request.GET or None)
    qs = selectors.area_needs(request.user)
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(
            q=data["q"].strip(),
            state=data["state"],
            category=data["category"],
            area=search_area(request.user, data["area"]),
        )
    return form, qs


@login_required
@permission_required("need.list")
def need_list(request):
    form, qs = _search(request)
    return list_page(
        request,
        "needs/list.html",
        form,
        qs,
        can={"export": "need.export", "post_for": "need.post_on_behalf"},
    )


@login_required
@permission_required("need.export")
def need_export(request):
    return search_export(
        request,
        _search,
        action="need.export",
        object_type="needs.need",
        title=_("群众需求"),
        write=export_needs,
    )


@login_required
@permission_required("need.post_on_behalf")
def post_for(request):
    form = OnBehalfForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        query = data.pop("person").strip()
        matches = list(visible_people(request.user).search(q=query)[:2])
        if len(matches) != 1:
            form.add_error(
                "person",
                _("没有找到该居民。") if not matches else _("找到多位居民，请输入手机号。"),
            )
        else:
            data["area"] = data["area"] or matches[0].home_area
            try:
                need = services.post_need(by=request.user, for_person=matches[0], **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("已为%(p)s代办发布需求。") % {"p": matches[0]})
                return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/post_for.html", {"form": form})


@login_required
@permission_required("need.decide")
@require_POST
def decide(request, pk):
    """After the resident's confirmation deadline, community staff confirm or reject the service."""
    return post_on_detail(
        request,
        pk,
        DecideForm,
        services.decide_need,
        success=_("已完成社区认定。"),
        form_key="decide_form",
        scope=selectors.area_needs(request.user),
    )


@login_required
@permission_required("need.list")
def registrations(request):
    qs = selectors.visible_registrations(request.user)
    if request.GET.get("active", "1") == "1":
        qs = qs.filter(active=True)
    return render(request, "needs/registrations.html", {"page_obj": paginate(request, qs)})


# ------------------------------------------------------------------------ member registration


@login_required
@permission_required("need.register")
def register(request):
    person = Person.objects.select_related("home_area").filter(pk=request.user.person_id).first()
    initial = {}
    if person is not None:
        home = person.home_area
        initial["community"] = (
            home.code if home.level == "community" else (home.parent.code if home.parent_id else "")
        )
        initial["skills"] = person.skills
    form = RegisterForm(request.POST or None, initial=initial)
    response = submit(
        request,
        form,
        services.register_in_community,
        success=_("报到成功，您可以在需求菜单中接单了。"),
        redirect_to="needs:register",
        denied=_("只有党员可以到社区报到。"),
    )
    if response is not None:
        return response
    regs = CommunityRegistration.objects.filter(person_id=request.user.person_id).select_related(
        "community"
    )
    return render(request, "needs/register.html", {"form": form, "registrations": regs})


@login_required
@permission_required("need.register")
@require_POST
def register_end(request, pk):
    reg = get_in_scope_or_404(
        CommunityRegistration.objects.filter(person_id=request.user.person_id or -1), pk=pk
    )
    attempt(
        request,
        lambda: services.end_registration(registration=reg, by=request.user),
        _("已结束在%(c)s的报到。") % {"c": reg.community},
    )
    return redirect("needs:register")
