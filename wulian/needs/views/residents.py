"""The resident's pages (phone-first): my needs, posting one, a need's page with its photos and
messages, confirming, cancelling. A need's page also carries the forms of everyone else who acts
on it; ``post_on_detail`` hands them to their service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import PEOPLE, has_action, role_kinds
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.needs import rules, selectors, services
from wulian.needs.forms import (
    ConfirmForm,
    DecideForm,
    FulfilForm,
    MessageForm,
    NeedForm,
    RateForm,
    ReasonForm,
)
from wulian.needs.models import Need, State
from wulian.needs.providers import provider_context
from wulian.people.models import Person
from wulian.web.views_helpers import attempt, layout_for, paginate, permission_required, submit


def is_resident_view(user) -> bool:
    kinds = role_kinds(user)
    return bool(kinds) and kinds <= PEOPLE and not provider_context(user).providers


@login_required
@permission_required("need.post")
def my_needs(request):
    return render(
        request,
        "needs/mine.html",
        {"page_obj": paginate(request, selectors.my_needs(request.user))},
    )


@login_required
@permission_required("need.post")
def post_need(request):
    person = Person.objects.select_related("home_area").filter(pk=request.user.person_id).first()
    if person is None:
        messages.error(request, _("您的账号未关联居民信息，不能发布需求。"))
        return redirect("web:home")
    form = NeedForm(request.POST or None, request.FILES or None, person=person)
    response = submit(
        request,
        form,
        services.post_need,
        success=_("需求已发布，等待单位或党员接单。"),
        redirect_to=lambda need: reverse("needs:detail", args=[need.pk]),
    )
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
        return render(
            request, "needs/gone.html", {"need": gone, "base_template": layout_for(request.user)}
        )
    return render_detail(request, need)


def render_detail(request, need: Need, *, forms: dict | None = None, status: int = 200):
    user = request.user
    ctx = provider_context(user)
    ratings = {r.side: r for r in need.ratings.all()}
    own = bool(user.person_id) and user.person_id == need.posted_by_id
    holder = rules.can_serve(user, need) and need.state in (
        State.CLAIMED,
        State.IN_SERVICE,
        State.DONE,
        State.CONFIRMED,
    )
    context = {
        "need": need,
        "photos": list(need.photos.all()),
        "ratings": ratings,
        "own": own,
        "holder": holder,
        "claim_as": [p for p in ctx.providers if ctx.may_provide(p, need)]
        if need.state == State.POSTED and not own
        else [],
        "can_claim": has_action(user, "need.claim"),
        "can_serve": holder,
        "can_confirm": need.state == State.DONE and rules.can_confirm(user, need),
        "can_cancel": need.state in (State.POSTED, State.CLAIMED) and rules.can_cancel(user, need),
        "confirm_form": ConfirmForm(),
        "rate_form": RateForm(),
        "fulfil_form": FulfilForm(),
        "reason_form": ReasonForm(),
        "rating_editable": {
            side: r for side, r in ratings.items() if rules.can_update_rating(user, r)
        },
        "can_decide": selectors.may_decide(user, need),
        "decide_form": DecideForm(),
        **selectors.contact_for(user, need),
        "message_form": MessageForm(),
    }
    context.update(forms or {})
    template = "needs/detail_mobile.html" if is_resident_view(user) else "needs/detail.html"
    return render(request, template, context, status=status)


def post_on_detail(
    request, pk, form_class, service, *, success: str, form_key: str, scope=None, anchor: str = ""
):
    """A form posted from a need's page: on success back to the page (at ``anchor``), else the
    page again with the form's errors (400). A refusal that names none of the form's fields is
    about the need itself (already confirmed, already rated): the page may no longer show the
    form, so the reason comes as a message on the need's page instead."""
    need = get_in_scope_or_404(
        selectors.visible_needs(request.user) if scope is None else scope, pk=pk
    )
    form = form_class(request.POST)
    page = reverse("needs:detail", args=[need.pk])
    response = submit(request, form, service, need=need, success=success, redirect_to=page + anchor)
    if response is not None:
        return response
    if form.is_bound and form.errors and set(form.errors) <= {NON_FIELD_ERRORS}:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(page)
    return render_detail(request, need, forms={form_key: form}, status=400)


@login_required
@permission_required("need.confirm")
@require_POST
def confirm_need(request, pk):
    return post_on_detail(
        request,
        pk,
        ConfirmForm,
        services.confirm_need,
        success=_("已确认完成，感谢您的评价！"),
        form_key="confirm_form",
    )


@login_required
@permission_required("need.cancel")
@require_POST
def cancel_need(request, pk):
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    rules.require_can(rules.can_cancel(request.user, need), "need.cancel")
    form = ReasonForm(request.POST)
    form.is_valid()
    attempt(
        request,
        lambda: services.cancel_need(
            need=need, by=request.user, reason=form.cleaned_data.get("reason", "")
        ),
        _("需求已取消。"),
    )
    return redirect("needs:detail", pk=need.pk)


@login_required
@permission_required("need.message")
@require_POST
def message(request, pk):
    """A message on the need, from the resident, the provider holding it or area staff."""
    need = get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)
    rules.require_can(rules.can_message(request.user, need), "need.message")
    return post_on_detail(
        request,
        pk,
        MessageForm,
        services.post_need_message,
        success=_("留言已发送。"),
        form_key="message_form",
        anchor="#need-messages",
    )


@login_required
@permission_required("need.view")
def need_photo(request, pk, photo_pk):
    """A need's photo, only to those who may see the need."""
    photo = get_in_scope_or_404(selectors.visible_photos(request.user), need_id=pk, pk=photo_pk)
    try:
        return FileResponse(photo.image.open("rb"))
    except FileNotFoundError:
        raise Http404 from None
