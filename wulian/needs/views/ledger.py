"""The compensation ledger (利益补偿): entries and balances, pending credit, and corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.needs import selectors, services
from wulian.needs.forms import CorrectionForm
from wulian.needs.providers import provider_context
from wulian.orgs.selectors import visible_orgs
from wulian.people.models import Person
from wulian.people.selectors import visible_people
from wulian.web.views_helpers import add_errors, layout_for, paginate, permission_required


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
    pending_qs = selectors.pending_needs(
        request.user,
        person=subject if isinstance(subject, Person) else None,
        org=subject if subject is not None and not isinstance(subject, Person) else None,
    )
    pending = list(pending_qs[:50])
    for need in pending:
        need.pending_points = selectors.pending_points(need.hours_spent)
    own = []
    if request.user.person_id:
        own.append(
            (request.user.person, selectors.person_balance(request.user.person_id), "person")
        )
    own += [
        (org, selectors.org_balance(org.pk), "org") for org in provider_context(request.user).units
    ]
    return render(
        request,
        "needs/ledger.html",
        {
            "page_obj": paginate(request, qs),
            "subject": subject,
            "subject_balance": subject_balance,
            "own": own,
            "total": selectors.balance(qs),
            "pending": pending,
            "can_correct": has_action(request.user, "compensation.correct"),
            "base_template": layout_for(request.user),
        },
    )


@login_required
@permission_required("compensation.correct")
def ledger_correct(request):
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = (
            visible_people(request.user).filter(pk=data.pop("person")).first()
            if data["person"]
            else None
        )
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
