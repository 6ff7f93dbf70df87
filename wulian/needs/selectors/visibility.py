"""What needs a user may see, hold, claim or decide, and the contact a need's page shows."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from wulian.accounts.models import User
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import Scope, scope_for
from wulian.needs import rules
from wulian.needs.models import (
    Need,
    NeedPhoto,
    NeedQuerySet,
    State,
)
from wulian.needs.providers import Provider, provider_context

_RELATED = ("area", "community", "street", "posted_by", "provider_org", "provider_person")
# The need's area of each level, denormalised and indexed with ``listed_at``: staff scopes are
# equalities on these (``Scope.levels_q``), never a ``LIKE`` on the joined area's path.
LEVEL_COLUMNS = {"district": "district_id", "street": "street_id", "community": "community_id"}


def _in_subtrees(scope: Scope) -> Q:
    return scope.levels_q(LEVEL_COLUMNS, "area")


def visible_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """Staff: needs in their subtrees. Units: open needs in their street and the needs they hold.
    Party members: open needs in the communities they registered with and the needs they hold.
    Residents: their own needs. Departments: the needs held by units of their line."""
    scope = scope_for(user)
    q = _in_subtrees(scope)
    if scope.lines:
        q |= scope.line_q("provider_org")
    ctx = provider_context(user)
    if ctx.units:
        q |= Q(provider_org_id__in=[o.pk for o in ctx.units])
        if ctx.street_ids:
            q |= Q(state=State.POSTED, street_id__in=ctx.street_ids)
    if ctx.person is not None:
        q |= Q(provider_person_id=ctx.person.pk)
        if ctx.community_ids:
            q |= Q(state=State.POSTED, community_id__in=ctx.community_ids)
    if scope.person_id:
        q |= Q(posted_by_id=scope.person_id)
    return Need.objects.filter(q).select_related(*_RELATED)


def no_longer_offered(user: User | AnonymousUser | None, pk: int) -> Need | None:
    """A need that was offered to the user as a provider (open, in a community they registered with
    or their unit's street) and has since been taken or closed: what a notification of a new need
    leads to later. Only its title and state are shown then, never the resident's details."""
    ctx = provider_context(user)
    q = Q(pk__in=[])
    if ctx.person is not None and ctx.community_ids:
        q |= Q(community_id__in=ctx.community_ids)
    if ctx.units and ctx.street_ids:
        q |= Q(street_id__in=ctx.street_ids)
    return (
        Need.objects.filter(q, pk=pk)
        .exclude(state=State.POSTED)
        .only("pk", "title", "state")
        .first()
    )


def visible_photos(user: User | AnonymousUser | None) -> QuerySet[NeedPhoto]:
    """Photos of the needs the user may see (pages and API fetch one with ``need_id`` and ``pk``)."""
    return NeedPhoto.objects.filter(need__in=visible_needs(user))


def claim_scope(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """Needs a claim request may name: what the user sees, plus any need (in any state) of the
    streets and communities the user may serve — so that a need someone else took a moment ago
    answers "已被他人接单" rather than 404, while a need outside one's scope stays 404."""
    ctx = provider_context(user)
    q = Q(pk__in=visible_needs(user).values("pk"))
    if ctx.street_ids:
        q |= Q(street_id__in=ctx.street_ids)
    if ctx.person is not None and ctx.community_ids:
        q |= Q(community_id__in=ctx.community_ids)
    return Need.objects.filter(q).select_related(*_RELATED)


def area_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """The staff list: needs in the user's subtrees only."""
    return Need.objects.filter(_in_subtrees(scope_for(user))).select_related(
        *_RELATED, "posted_on_behalf_by"
    )


def my_needs(user: User) -> QuerySet[Need]:
    if not user.person_id:
        return Need.objects.none()
    return Need.objects.filter(posted_by_id=user.person_id).select_related(*_RELATED)


def held_needs(user: User | AnonymousUser | None) -> QuerySet[Need]:
    """The needs the user's units or their own person hold (any state after claiming)."""
    ctx = provider_context(user)
    q = Q(pk__in=[])
    if ctx.units:
        q |= Q(provider_org_id__in=[o.pk for o in ctx.units])
    if ctx.person is not None:
        q |= Q(provider_person_id=ctx.person.pk)
    return Need.objects.filter(q).select_related(*_RELATED)


def may_decide(user: User | AnonymousUser | None, need: Need) -> bool:
    """Whether the user may decide a service the resident did not confirm in time: staff over
    the need's area, once the deadline has passed."""
    return (
        need.state == State.DONE
        and need.confirm_due_at is not None
        and need.confirm_due_at <= timezone.now()
        and has_action(user, "need.decide")
        and scope_for(user).covers_path(need.area.path)
    )


def contact_for(user: User, need: Need) -> dict:
    """What the detail page shows for contact after 接单: to the provider holding the need and to
    staff over its area, while in contact (claimed, in service, done), the resident's masked
    phone, the service address (上门) and the privacy number bound for the user; the messages to
    those and the resident (to the provider while it holds the need). Nothing to anyone else."""
    from wulian.needs.models import CONTACT_STATES, MessageSide, NumberBinding
    from wulian.needs.services import contact_side

    side = contact_side(need, user)
    if side is None:
        return {"contact_side": None, "need_messages": [], "can_message": False}
    in_contact = need.state in CONTACT_STATES
    context = {
        "contact_side": side,
        "need_messages": list(need.messages.select_related("author")),
        "can_message": in_contact and rules.can_message(user, need),
    }
    if side in (MessageSide.PROVIDER, MessageSide.STAFF) and in_contact:
        context["contact_phone"] = need.posted_by.phone_masked
        context["contact_address"] = need.clear_address()
    if in_contact:
        binding = NumberBinding.objects.filter(
            need=need, released_at__isnull=True, expires_at__gt=timezone.now()
        ).order_by("-created_at")
        if side == MessageSide.PROVIDER:
            binding = binding.filter(user=user)
        context["binding"] = binding.first()
    return context


def claimable_needs(user: User, provider: Provider | None = None) -> NeedQuerySet:
    """Open needs the user may claim (as the given provider, or as any of theirs), not their own."""
    ctx = provider_context(user)
    providers = [provider] if provider is not None else ctx.providers
    q = Q(pk__in=[])
    for p in providers:
        if p.org is not None:
            street = ctx.unit_street_ids.get(p.org.pk)
            if street is not None:
                q |= Q(street_id=street)
        elif ctx.community_ids:
            q |= Q(community_id__in=ctx.community_ids)
    qs = Need.objects.filter(q, state=State.POSTED)
    if user.person_id:
        qs = qs.exclude(posted_by_id=user.person_id)
    return qs.select_related(*_RELATED)
