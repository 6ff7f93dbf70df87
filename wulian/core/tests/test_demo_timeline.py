"""The demo world is causally ordered across apps (issue 9, defect 6): nothing that happened lies
in the future, each row's steps come in order, a row is made after what it hangs on, and the
cross-app orderings hold (a case is registered before the meeting that discusses it, decisions
come after the meeting started, deliveries after the agreement was in force, ratings after the
need was done ...).

The checks are generic where they can be: every model's past-tense timestamps, and every foreign
key between two rows that both record when they were made. The rest is one table of orderings.
Every check reads the stored demo (the ``world`` fixture), so a new demo loader is checked too.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

pytestmark = pytest.mark.django_db

# Times that are planned rather than happened: they may lie in the future.
PLANNED = {
    "starts_at",
    "ends_at",
    "old_starts_at",
    "old_ends_at",
    "new_starts_at",
    "new_ends_at",
    "held_at",
    "appeal_until",
    "confirm_due_at",
}
# Dates that say something happened (the rest are plans: due, deadline, term, wished ...).
PAST_DATES = {
    "done_on",
    "resolved_on",
    "received_on",
    "allocated_on",
    "answered_on",
    "decided_on",
    "changed_on",
    "joined_on",
    "founded_on",
    "opened_on",
}

# Each model's own steps, in the order they happen (a step not taken is None and skipped).
CHAINS: dict[str, list[list[str]]] = {
    "meetings.JointMeeting": [
        ["created_at", "closed_at"],
        ["starts_at", "ends_at"],
        ["starts_at", "closed_at"],
    ],
    "meetings.ActionItem": [
        ["created_at", "done_at", "accepted_at"],
        ["created_at", "escalated_at"],
    ],
    "cases.Case": [["registered_at", "resolved_on"], ["registered_at", "resolved_at"]],
    "needs.Need": [
        ["created_at", "listed_at", "claimed_at", "started_at", "done_at", "confirmed_at"],
        ["created_at", "cancelled_at"],
        ["created_at", "released_at"],
        ["created_at", "expired_at"],
        ["created_at", "flagged_at", "escalated_at"],
    ],
    "resources.Booking": [
        ["created_at", "decided_at"],
        ["created_at", "cancelled_at"],
        ["created_at", "checked_in_at"],
        ["start", "end"],
        ["start", "checked_in_at"],
    ],
    "agreements.Agreement": [
        ["created_at", "submitted_at", "party_confirmed_at", "in_force_at", "ended_at"],
        ["submitted_at", "unit_confirmed_at", "in_force_at"],
        ["start", "end"],
    ],
    "councils.Topic": [["created_at", "voting_opened_at", "voting_closed_at"]],
    "evaluations.EvaluationRound": [["created_at", "opened_at", "published_at", "appeal_until"]],
    "dispatches.Dispatch": [["generated_at", "published_at"]],
    "activities.Activity": [["created_at", "ends_at"], ["starts_at", "ends_at"]],
    "assessments.Report": [["submitted_at", "evaluated_at"]],
    "dispatches.Inquiry": [["sent_at", "replied_at", "decided_at"]],
    "duties.Duty": [["assigned_on", "due_on"], ["assigned_on", "done_on"]],
    "alliances.PartTimeMember": [["term_start", "term_end"]],
    "orgs.PartyBodyChange": [["changed_on", "recorded_at"]],
}

# Foreign keys to what a row led to (made after it), not to what it hangs on.
LEADS_TO = {"councils.Resolution.project"}

# (what must hold, model, earlier, later): ORM paths from the model; rows where either is None skip.
ORDERINGS = [
    (
        "a case is registered before the meeting that discusses it starts",
        "meetings.AgendaItem",
        "case__registered_at",
        "meeting__starts_at",
    ),
    (
        "a case is put on an agenda after it was registered",
        "meetings.AgendaItem",
        "case__registered_at",
        "added_at",
    ),
    (
        "an agenda item is added before its meeting closes",
        "meetings.AgendaItem",
        "added_at",
        "meeting__closed_at",
    ),
    (
        "a decision is forwarded after the meeting that took it closed",
        "meetings.AgendaItem",
        "source_decision__meeting__closed_at",
        "added_at",
    ),
    (
        "invitations go out before the meeting starts",
        "meetings.Invitation",
        "invited_at",
        "meeting__starts_at",
    ),
    (
        "the meeting is convened before anyone is invited",
        "meetings.Invitation",
        "meeting__created_at",
        "invited_at",
    ),
    (
        "people sign in before the meeting closes",
        "meetings.Attendance",
        "checked_in_at",
        "meeting__closed_at",
    ),
    (
        "people sign in once the meeting is convened",
        "meetings.Attendance",
        "meeting__created_at",
        "checked_in_at",
    ),
    (
        "action items are decided once the meeting has started",
        "meetings.ActionItem",
        "decision__meeting__starts_at",
        "created_at",
    ),
    (
        "action items are decided by the time the meeting closes",
        "meetings.ActionItem",
        "created_at",
        "decision__meeting__closed_at",
    ),
    (
        "an action item's events follow its creation",
        "meetings.ActionEvent",
        "item__created_at",
        "at",
    ),
    ("a meeting is moved before it was to start", "meetings.MeetingChange", "at", "old_starts_at"),
    (
        "a delivery happens while the agreement is in force",
        "agreements.Delivery",
        "item__agreement__in_force_at",
        "date",
    ),
    (
        "a delivery happens within the agreement's period",
        "agreements.Delivery",
        "item__agreement__start",
        "date",
    ),
    ("a delivery is recorded after it happened", "agreements.Delivery", "date", "recorded_at"),
    ("a need is rated after it was done", "needs.Rating", "need__done_at", "created_at"),
    (
        "points are credited after the need was confirmed",
        "needs.CompensationEntry",
        "need__confirmed_at",
        "created_at",
    ),
    (
        "a booked slot starts after the resource was opened",
        "resources.Booking",
        "resource__opened_since",
        "start",
    ),
    (
        "a vote is cast after voting opened",
        "councils.VoteCast",
        "topic__voting_opened_at",
        "cast_at",
    ),
    (
        "a vote is cast before voting closed",
        "councils.VoteCast",
        "cast_at",
        "topic__voting_closed_at",
    ),
    (
        "a topic is resolved after its vote closed",
        "councils.Resolution",
        "topic__voting_closed_at",
        "decided_on",
    ),
    (
        "a resolution becomes a project after it was decided",
        "councils.Resolution",
        "decided_on",
        "project__created_at",
    ),
    ("a comment follows the topic it is on", "councils.Comment", "topic__created_at", "created_at"),
    (
        "a project is set up after money was allocated to it",
        "funds.Project",
        "allocation__allocated_on",
        "created_at",
    ),
    (
        "a facility opens after its project was set up",
        "funds.Facility",
        "project__created_at",
        "opened_on",
    ),
    (
        "money is spent after the project was set up",
        "funds.LedgerEntry",
        "project__created_at",
        "created_at",
    ),
    (
        "money is allocated after the fund received it",
        "funds.Allocation",
        "fund__sources__received_on",
        "allocated_on",
    ),
    (
        "an alliance's activities follow its founding",
        "alliances.AllianceActivity",
        "alliance__founded_on",
        "held_on",
    ),
    (
        "members join an alliance after it was founded",
        "alliances.AllianceMember",
        "alliance__founded_on",
        "joined_on",
    ),
    (
        "a part-time member leads activities during the term",
        "alliances.LedActivity",
        "member__term_start",
        "held_on",
    ),
    (
        "a part-time member leads activities during the term ",
        "alliances.LedActivity",
        "held_on",
        "member__term_end",
    ),
    (
        "progress is reported after the duty was assigned",
        "duties.ProgressReport",
        "duty__assigned_on",
        "reported_at",
    ),
    (
        "a criticism is published with or after its dispatch",
        "dispatches.Criticism",
        "dispatch__published_at",
        "published_at",
    ),
    (
        "a rectification is reported after the criticism was published",
        "dispatches.RectificationReport",
        "rectification__criticism__published_at",
        "reported_at",
    ),
    (
        "an inspection's findings follow the inspection",
        "dispatches.Finding",
        "inspection__scheduled_on",
        "created_at",
    ),
    (
        "a survey is answered after the round opened",
        "evaluations.SurveyAnswer",
        "round__opened_at",
        "answered_on",
    ),
    (
        "a survey is answered before the round was published",
        "evaluations.SurveyAnswer",
        "answered_on",
        "round__published_at",
    ),
    (
        "scores are submitted before the round was published",
        "evaluations.Score",
        "updated_at",
        "round__published_at",
    ),
    (
        "people sign in to an activity once it is planned",
        "activities.SignIn",
        "activity__created_at",
        "signed_in_at",
    ),
    (
        "an appeal follows the published results",
        "evaluations.Appeal",
        "round__published_at",
        "created_at",
    ),
]


def _moment(value, *, end: bool = False):
    """Dates and datetimes on one scale: a date is its first (or, as a later bound, its last)
    moment in Asia/Shanghai."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time.max if end else dt.time.min))
    return value


SAME_MOMENT = dt.timedelta(seconds=1)  # two stamps taken in one service call


def _in_order(earlier, later) -> bool:
    """``earlier`` ≤ ``later``; a date compared with a datetime counts the whole day."""
    if isinstance(earlier, dt.datetime) != isinstance(later, dt.datetime):
        if not isinstance(earlier, dt.datetime):
            return _moment(earlier) <= later
        return earlier <= _moment(later, end=True)
    if isinstance(earlier, dt.datetime):
        return earlier <= later + SAME_MOMENT
    return earlier <= later


def _fmt(value) -> str:
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def _wulian_models():
    return [m for m in apps.get_models() if m.__module__.startswith("wulian.")]


def _out_of_order(model, earlier: str, later: str) -> list[str]:
    rows = model._base_manager.exclude(**{f"{earlier}__isnull": True}).exclude(
        **{f"{later}__isnull": True}
    )
    return [
        f"{model._meta.label}#{pk}: {earlier}={_fmt(a)} > {later}={_fmt(b)}"
        for pk, a, b in rows.values_list("pk", earlier, later)
        if not _in_order(a, b)
    ]


def test_nothing_that_happened_lies_in_the_future(world):
    now = timezone.now() + dt.timedelta(minutes=5)
    today = timezone.localdate()
    bad = []
    for model in _wulian_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.DateTimeField)
                and field.name.endswith("_at")
                and field.name not in PLANNED
            ):
                bad += [
                    f"{model._meta.label}#{pk}.{field.name}={_fmt(v)}"
                    for pk, v in model._base_manager.filter(
                        **{f"{field.name}__gt": now}
                    ).values_list("pk", field.name)
                ]
            elif type(field) is models.DateField and field.name in PAST_DATES:
                bad += [
                    f"{model._meta.label}#{pk}.{field.name}={v}"
                    for pk, v in model._base_manager.filter(
                        **{f"{field.name}__gt": today}
                    ).values_list("pk", field.name)
                ]
    assert bad == [], "\n".join(bad)


def test_each_rows_steps_come_in_order(world):
    bad = []
    for label, chains in CHAINS.items():
        model = apps.get_model(label)
        for chain in chains:
            for i, earlier in enumerate(chain):
                for later in chain[i + 1 :]:
                    bad += _out_of_order(model, earlier, later)
    assert bad == [], "\n".join(bad)


def test_a_row_is_made_after_the_rows_it_hangs_on(world):
    """For every foreign key between two models that both record when a row was made."""
    bad = []
    for model in _wulian_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "created_at" not in names:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if (
                target is None
                or target is model
                or "created_at" not in {f.name for f in target._meta.concrete_fields}
            ):
                continue
            if f"{model._meta.label}.{field.name}" in LEADS_TO:
                continue
            bad += _out_of_order(model, f"{field.name}__created_at", "created_at")
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize(
    ("rule", "label", "earlier", "later"), ORDERINGS, ids=[o[0] for o in ORDERINGS]
)
def test_cross_app_ordering(world, rule, label, earlier, later):
    bad = _out_of_order(apps.get_model(label), earlier, later)
    assert bad == [], "\n".join(bad)
