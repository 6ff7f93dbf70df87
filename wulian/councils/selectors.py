"""What each user may see of councils, and who a user is on a council."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.selectors import scope_for
from wulian.councils.models import Choice, Council, CouncilMember, Topic, TopicStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_councils(user: User | AnonymousUser | None) -> QuerySet[Council]:
    """Councils in the user's subtrees, of the user's home community, of a unit's community, and
    councils the user (or the user's unit) sits on."""
    scope = scope_for(user)
    q = scope.paths_q("community") | scope.above_q("community", roots=False)
    if scope.person_id or scope.unit_org_ids:
        seats = CouncilMember.objects.filter(
            scope.own_q(person="person_id", unit="org_id"), active=True
        )
        q |= Q(pk__in=seats.values("council_id"))
    return Council.objects.filter(q).select_related("community")


def with_council_figures(qs: QuerySet[Council]) -> QuerySet[Council]:
    """Active members, topics and topics being voted on, counted in the list's one query."""
    return qs.annotate(
        member_count=Count("members", filter=Q(members__active=True), distinct=True),
        topic_count=Count("topics", distinct=True),
        voting_count=Count("topics", filter=Q(topics__status=TopicStatus.VOTING), distinct=True),
    )


def visible_topics(user: User | AnonymousUser | None) -> QuerySet[Topic]:
    return Topic.objects.filter(council__in=visible_councils(user).values("pk")).select_related(
        "council", "council__community", "raised_by_person", "raised_by_member", "session"
    )


def member_for(council: Council, user: User | AnonymousUser | None) -> CouncilMember | None:
    """The seat the user holds on this council: as a resident, or through a unit they serve."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    q = scope_for(user).own_q(person="person_id", unit="org_id")
    return (
        CouncilMember.objects.filter(q, council=council, active=True)
        .select_related("person", "org")
        .first()
    )


def is_resident_of(council: Council, user: User | AnonymousUser | None) -> bool:
    home = scope_for(user).home_area_path
    return home is not None and home.startswith(council.community.path)


def results(topic: Topic) -> dict | None:
    """The tallies, only once the vote is closed."""
    if topic.status != TopicStatus.CLOSED:
        return None
    counts = dict(topic.tallies.values_list("choice", "count"))
    rows = [(c.value, c.label, counts.get(c.value, 0)) for c in Choice]
    return {
        "rows": rows,
        "total": sum(n for _, _, n in rows),
        "cast": topic.casts.count(),
        "outcome": topic.get_outcome_display(),
        "outcome_code": topic.outcome,
    }


def todos_for(user: User | AnonymousUser | None) -> list[dict]:
    """Open votes on councils where the user holds a seat and has not voted yet."""
    scope = scope_for(user)
    if not (scope.person_id or scope.unit_org_ids):
        return []
    seats = CouncilMember.objects.filter(
        scope.own_q(person="person_id", unit="org_id"), active=True
    )
    pending = (
        Topic.objects.filter(status=TopicStatus.VOTING, council__members__in=seats)
        .exclude(casts__member__in=seats)
        .distinct()
        .count()
    )
    if not pending:
        return []
    return [
        {
            "label": _("待表决议题"),
            "url": reverse("councils:my"),
            "count": pending,
            "level": "warning",
        }
    ]
