"""Pages of the needs menu: resident pages (phone-first), the provider's menu and actions, the
staff list, 代办, community registration and the compensation ledger. Thin: every change goes
through ``services``, every read through ``selectors``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import PEOPLE, has_action, role_kinds
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import search_area
from wulian.needs import selectors, services
from wulian.needs.exporters import export_needs
from wulian.needs.forms import (
    ConfirmForm,
    CorrectionForm,
    DecideForm,
    FulfilForm,
    MenuFilterForm,
    MessageForm,
    NeedForm,
    NeedSearchForm,
    OnBehalfForm,
    RateForm,
    ReasonForm,
    RegisterForm,
)
from wulian.needs.models import CommunityRegistration, Need, Rating, Side, State
from wulian.needs.providers import provider_context
from wulian.orgs.selectors import visible_orgs
from wulian.people.models import Person
from wulian.people.selectors import visible_people
from wulian.web.views_helpers import (
    add_errors,
    layout_for,
    list_page,
    paginate,
    permission_required,
    safe_next,
    search_filters,
    submit,
)


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _is_resident_view(user) -> bool:
    kinds = role_kinds(user)
    return bool(kinds) and kinds <= PEOPLE and not provider_context(user).providers


# --------------------------------------------------------------------------- resident pages


@login_required
@permission_required("need.post")
def my_needs(request):
    return render(request, "needs/mine.html", {"page_obj": paginate(request, selectors.my_needs(request.user))})


@login_required
@permission_required("need.post")
def post_need(request):
    person = Person.objects.select_related("home_area").filter(pk=request.user.person_id).first()
    if person is None:
        messages.error(request, _("您的账号未关联居民信息，不能发布需求。"))
        return redirect("web:home")
    form = NeedForm(request.POST or None, request.FILES or None, person=person)
    response = submit(request, form, services.post_need, success=_("需求已发布，等待单位或党员接单。"),
                      redirect_to=lambda need: reverse("needs:detail", args=[need.pk]))
    return response or render(request, "needs/post.html", {"form": form})


@login_required
@permission_required("need.view")
def need_detail(request, pk):
    need = selectors.visible_needs(request.user).filter(pk=pk).first()
    if need is None:
        gone = selectors.no_longer_offered(request.user, pk)
        if gone is None:
            raise Http404
        # Offered to this provider once (a notification links here), since taken or closed.
        return render(request, "needs/gone.html", {"need": gone, "base_template": layout_for(request.user)})
    return _render_detail(request, need)


def _render_detail(request, need: Need, *, forms: dict | None = None, status: int = 200):
    user = request.user
    ctx = provider_context(user)
    ratings = {r.side: r for r in need.ratings.all()}
    own = bool(user.person_id) and user.person_id == need.posted_by_id
    holder = services.holds_need(need, user) and need.state in (State.CLAIMED, State.IN_SERVICE, State.DONE, State.CONFIRMED)
    context = {
        "need": need,
        "photos": list(need.photos.all()),
        "ratings": ratings,
        "own": own,
        "holder": holder,
        "claim_as": [p for p in ctx.providers if ctx.may_provide(p, need)] if need.state == State.POSTED and not own else [],
        "can_claim": has_action(user, "need.claim"),
        "can_serve": has_action(user, "need.serve"),
        "can_cancel": has_action(user, "need.cancel") and need.state in (State.POSTED, State.CLAIMED),
        "confirm_form": ConfirmForm(),
        "rate_form": RateForm(),
        "fulfil_form": FulfilForm(),
        "reason_form": ReasonForm(),
        "rating_editable": {side: r for side, r in ratings.items() if r.by_id == user.pk},
        "can_decide": selectors.may_decide(user, need),
        "decide_form": DecideForm(),
        **selectors.contact_for(user, need),
        "message_form": MessageForm(),
    }
    context.update(forms or {})
    template = "needs/detail_mobile.html" if _is_resident_view(user) else "needs/detail.html"
    return render(request, template, context, status=status)


@login_required
@permission_required("need.confirm")
@require_POST
def confirm_need(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    form = ConfirmForm(request.POST)
    response = submit(request, form, services.confirm_need, need=need, success=_("已确认完成，感谢您的评价！"),
                      redirect_to=reverse("needs:detail", args=[need.pk]))
    return response or _render_detail(request, need, forms={"confirm_form": form}, status=400)


@login_required
@permission_required("need.cancel")
@require_POST
def cancel_need(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.cancel_need(need=need, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("需求已取消。"))
    return redirect("needs:detail", pk=need.pk)


@login_required
@permission_required("need.message")
@require_POST
def message(request, pk):
    """A message on the need, from the resident, the provider holding it or area staff."""
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    form = MessageForm(request.POST)
    response = submit(request, form, services.post_need_message, need=need, success=_("留言已发送。"),
                      redirect_to=reverse("needs:detail", args=[need.pk]) + "#need-messages")
    return response or _render_detail(request, need, forms={"message_form": form}, status=400)


@login_required
@permission_required("need.view")
def need_photo(request, pk, photo_pk):
    """A need's photo, only to those who may see the need."""
    photo = get_in_scope_or_404(selectors.visible_photos(request.user), need_id=pk, pk=photo_pk)
    try:
        return FileResponse(photo.image.open("rb"))
    except FileNotFoundError:
        raise Http404 from None


# --------------------------------------------------------------------------- provider pages


@login_required
@permission_required("need.claim")
def menu(request):
    ctx = provider_context(request.user)
    form = MenuFilterForm(request.GET or None, providers=ctx.providers)
    provider = ctx.providers[0] if ctx.providers else None
    filters = {"category": "", "area": None, "skill": ""}
    if form.is_valid():
        data = form.cleaned_data
        provider = ctx.find(data["provider"]) or provider
        filters["category"] = data["category"]
        filters["skill"] = data["skill"].strip()
        if data["area"].strip():
            filters["area"] = Area.objects.filter(code=data["area"].strip()).first() or Area(path="-none-")
    items = selectors.menu_for(request.user, provider=provider, **filters) if provider else []
    return render(request, "needs/menu.html", {
        "form": form, "items": items, "provider": provider, "providers": ctx.providers,
    })


@login_required
@permission_required("need.claim")
def claimed(request):
    qs = selectors.held_needs(request.user).search(state=request.GET.get("state", ""))
    return render(request, "needs/claimed.html", {"page_obj": paginate(request, qs), "states": State.choices})


def _act(request, pk, call, success: str, *, scope=None):
    """Run a provider action from a row button; errors come back as a message."""
    need = get_in_scope_or_404(scope or selectors.visible_needs(request.user), pk=pk)
    try:
        call(need)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, success)
    return redirect(safe_next(request, reverse("needs:detail", kwargs={"pk": need.pk})))


@login_required
@permission_required("need.claim")
@require_POST
def claim(request, pk):
    provider = request.POST.get("provider") or None
    return _act(request, pk, lambda need: services.claim_need(need=need, by=request.user, provider=provider),
                _("接单成功，请尽快联系群众提供服务。"), scope=selectors.claim_scope(request.user))


@login_required
@permission_required("need.serve")
@require_POST
def start(request, pk):
    return _act(request, pk, lambda need: services.start_service(need=need, by=request.user), _("已开始服务。"))


@login_required
@permission_required("need.serve")
@require_POST
def release(request, pk):
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    return _act(request, pk, lambda need: services.release_need(need=need, by=request.user, reason=reason),
                _("已退单，需求已回到需求菜单。"))


@login_required
@permission_required("need.serve")
@require_POST
def call(request, pk):
    """One tap: a virtual number (隐私号) that reaches the resident; the page then offers it as a
    tel: link. If the number service fails, the message says so and the messages stay."""
    return _act(request, pk, lambda need: services.call_resident(need=need, by=request.user),
                _("已获取隐私号，请点击号码拨打。"))


@login_required
@permission_required("need.serve")
def fulfil(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    form = FulfilForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.fulfil_need(need=need, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("已标记完成，等待群众确认评价。"))
                return redirect("needs:detail", pk=need.pk)
        return render(request, "needs/fulfil.html", {"form": form, "need": need}, status=400)
    return render(request, "needs/fulfil.html", {"form": form, "need": need})


@login_required
@permission_required("need.serve")
@require_POST
def rate(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    form = RateForm(request.POST)
    response = submit(request, form, services.rate_need, need=need, success=_("评价已提交。"),
                      redirect_to=reverse("needs:detail", args=[need.pk]))
    return response or _render_detail(request, need, forms={"rate_form": form}, status=400)


@login_required
@permission_required("need.view")
def rating_edit(request, pk):
    rating = get_in_scope_or_404(
        Rating.objects.filter(need__in=selectors.visible_needs(request.user), by=request.user).select_related("need"),
        pk=pk,
    )
    form = RateForm(request.POST or None, initial={"score": rating.score, "comment": rating.comment})
    response = submit(request, form, services.update_rating, rating=rating, success=_("评价已修改。"),
                      redirect_to=reverse("needs:detail", args=[rating.need_id]))
    if response is not None:
        return response
    base = "base_mobile.html" if _is_resident_view(request.user) else "base.html"
    return render(request, "needs/rating_form.html", {"form": form, "rating": rating, "base": base,
                                                       "side_label": Side(rating.side).label})


# ------------------------------------------------------------------------------ staff pages


def _search(request):
    form = NeedSearchForm(request.GET or None)
    qs = selectors.area_needs(request.user)
    if form.is_valid():
        data = form.cleaned_data
        qs = qs.search(q=data["q"].strip(), state=data["state"], category=data["category"],
                       area=search_area(request.user, data["area"]))
    return form, qs


@login_required
@permission_required("need.list")
def need_list(request):
    form, qs = _search(request)
    return list_page(request, "needs/list.html", form, qs,
                     can={"export": "need.export", "post_for": "need.post_on_behalf"})


@login_required
@permission_required("need.export")
def need_export(request):
    from wulian.web.spreadsheet_views import export_response

    form, qs = _search(request)
    needs = list(qs)
    return export_response(request, action="need.export", object_type="needs.need", title=_("群众需求"),
                           data=export_needs(needs), count=len(needs), filters=search_filters(form))


@login_required
@permission_required("need.post_on_behalf")
def post_for(request):
    form = OnBehalfForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        query = data.pop("person").strip()
        matches = list(visible_people(request.user).search(q=query)[:2])
        if len(matches) != 1:
            form.add_error("person", _("没有找到该居民。") if not matches else _("找到多位居民，请输入手机号。"))
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
    need = get_in_scope_or_404(selectors.area_needs(request.user), pk=pk)
    form = DecideForm(request.POST)
    response = submit(request, form, services.decide_need, need=need, success=_("已完成社区认定。"),
                      redirect_to=reverse("needs:detail", args=[need.pk]))
    return response or _render_detail(request, need, forms={"decide_form": form}, status=400)


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
        initial["community"] = home.code if home.level == "community" else (home.parent.code if home.parent_id else "")
        initial["skills"] = person.skills
    form = RegisterForm(request.POST or None, initial=initial)
    response = submit(request, form, services.register_in_community, success=_("报到成功，您可以在需求菜单中接单了。"),
                      redirect_to="needs:register")
    if response is not None:
        return response
    regs = CommunityRegistration.objects.filter(person_id=request.user.person_id).select_related("community")
    return render(request, "needs/register.html", {"form": form, "registrations": regs})


@login_required
@permission_required("need.register")
@require_POST
def register_end(request, pk):
    reg = get_in_scope_or_404(CommunityRegistration.objects.filter(person_id=request.user.person_id or -1), pk=pk)
    try:
        services.end_registration(registration=reg, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("已结束在%(c)s的报到。") % {"c": reg.community})
    return redirect("needs:register")


# ---------------------------------------------------------------------------------- ledger


@login_required
@permission_required("compensation.view")
def ledger(request):
    """The ledger visible to the user; ?person=<id> or ?org=<id> narrows it to one beneficiary,
    with that beneficiary's balance (the sum of their entries)."""
    qs = selectors.visible_entries(request.user)
    subject, subject_balance = None, None
    if request.GET.get("person", "").isdigit():
        subject = get_in_scope_or_404(visible_people(request.user), pk=request.GET["person"])
        qs = qs.filter(person=subject)
    elif request.GET.get("org", "").isdigit():
        subject = get_in_scope_or_404(visible_orgs(request.user), pk=request.GET["org"])
        qs = qs.filter(org=subject)
    if subject is not None:
        subject_balance = selectors.balance(qs)
    pending_qs = selectors.pending_needs(request.user, person=subject if isinstance(subject, Person) else None,
                                         org=subject if subject is not None and not isinstance(subject, Person) else None)
    pending = list(pending_qs[:50])
    for need in pending:
        need.pending_points = selectors.pending_points(need.hours_spent)
    own = []
    if request.user.person_id:
        own.append((request.user.person, selectors.person_balance(request.user.person_id), "person"))
    for org in provider_context(request.user).units:
        own.append((org, selectors.org_balance(org.pk), "org"))
    return render(request, "needs/ledger.html", {
        "page_obj": paginate(request, qs), "subject": subject, "subject_balance": subject_balance,
        "own": own, "total": selectors.balance(qs), "pending": pending,
        "can_correct": has_action(request.user, "compensation.correct"), "base_template": layout_for(request.user),
    })


@login_required
@permission_required("compensation.correct")
def ledger_correct(request):
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = visible_people(request.user).filter(pk=data.pop("person")).first() if data["person"] else None
        org = visible_orgs(request.user).filter(pk=data.pop("org")).first() if data["org"] else None
        data.pop("person", None)
        data.pop("org", None)
        try:
            services.correct_compensation(by=request.user, person=person, org=org, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("更正已记账。"))
            return redirect("needs:ledger")
    return render(request, "needs/ledger_correct.html", {"form": form})
