"""The poster confirms (or the staff decide) a fulfilled need, and rates it."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.needs import rules
from wulian.needs.models import CompensationEntry, Need, Rating, Side, State
from wulian.needs.services._common import (
    RATING_EDIT_DAYS,
    _audit_view,
    _check_state,
    _need_url,
    _release_contact,
    _score,
    _text,
    _transition,
    confirm_days,
    points_per_hour,
    poster_recipients,
    provider_recipients,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.people.models import Person


def confirm_need(*, need: Need, by: User, score: Any, comment: str = "") -> Need:
    """The resident confirms the service and rates it; the provider is credited in the ledger."""
    require(by, "need.confirm")
    rules.require_can(rules.can_confirm(by, need), _("只能确认自己发布的需求。"))
    _check_state(need, "confirm")
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    with transaction.atomic():
        before = _transition(need, "confirm", by, extra={"confirmed_at": timezone.now()})
        _release_contact(need)
        rating = Rating.objects.create(
            need=need, side=Side.RESIDENT, score=score, comment=comment, by=by
        )
        counters.created(rating)
        entry = _credit(need, by)
        record(
            actor=by,
            action="need.confirm",
            obj=need,
            before=before,
            after={
                **_audit_view(need),
                "rating": snapshot(rating),
                "compensation": snapshot(entry) if entry else None,
            },
        )
        notify(
            kind="need.rated",
            to=provider_recipients(need),
            title=_("群众已确认“%(t)s”并评价：%(s)d星") % {"t": need.title, "s": score},
            body=comment,
            url=_need_url(need),
        )
    return need


def _credit(need: Need, by: User | None) -> CompensationEntry | None:
    """利益补偿: the confirmed hours and points, to the person who served and to their unit."""
    hours = need.hours_spent or Decimal("0")
    points = int((hours * points_per_hour()).to_integral_value(rounding=ROUND_HALF_UP))
    person = need.provider_person
    if person is None and need.claimed_by_user_id:
        person = Person.objects.filter(user__pk=need.claimed_by_user_id).first()
    org = need.provider_org
    if org is None and person is not None and person.party_org_id:
        org = person.party_org
    if person is None and org is None:
        return None
    return CompensationEntry.objects.create(
        person=person,
        org=org,
        need=need,
        hours=hours,
        points=points,
        reason=_("服务群众需求：%(t)s") % {"t": need.title[:60]},
        created_by=by,
    )


def decide_need(*, need: Need, by: User | None, accept: bool, note: str = "") -> Need:
    """After the resident's confirmation deadline, the community's staff decide: confirm the
    service (the provider is credited as on the resident's confirmation) or reject it (nothing is
    credited). Before the deadline only the resident confirms."""
    require(by, "need.decide")
    if by is not None:
        require_area(by, need.area.path)
    _check_state(need, "confirm" if accept else "reject")
    now = timezone.now()
    if need.confirm_due_at is None or need.confirm_due_at > now:
        due = (
            f"{timezone.localtime(need.confirm_due_at):%Y-%m-%d %H:%M}"
            if need.confirm_due_at
            else "—"
        )
        raise ValidationError(
            {"need": _("群众确认期限至%(d)s，期限届满前由群众确认。") % {"d": due}}
        )
    note = _text(note, "note", _("认定意见"), 200, required=not accept)
    with transaction.atomic():
        before = _transition(
            need,
            "confirm" if accept else "reject",
            by,
            extra={
                "confirmed_at": now if accept else None,
                "decided_by": by,
                "decision_note": note,
            },
            condition=Q(confirm_due_at__lte=now),
        )
        _release_contact(need)
        entry = _credit(need, by) if accept else None
        record(
            actor=by,
            action="need.decide",
            obj=need,
            before=before,
            after={
                **_audit_view(need),
                "compensation": snapshot(entry) if entry else None,
            },
        )
        if accept:
            title = _("社区已认定“%(t)s”服务完成") % {"t": need.title}
        else:
            title = _("社区未予认定“%(t)s”的服务") % {"t": need.title}
        notify(
            kind="need.decided",
            to=provider_recipients(need) + poster_recipients(need),
            title=title,
            body=note,
            url=_need_url(need),
        )
    return need


def flag_unconfirmed_needs(*, now: dt.datetime | None = None, by: User | None = None) -> int:
    """Services done whose resident did not confirm by the deadline: the community's staff are
    told once (a conditional UPDATE on the empty timestamp), so they decide."""
    now = now or timezone.now()
    due = Need.objects.filter(
        state=State.DONE, confirm_flagged_at__isnull=True, confirm_due_at__lte=now
    ).values_list("pk", flat=True)
    flagged = 0
    for pk in list(due):
        with transaction.atomic():
            if (
                counters.update(
                    Need.objects.filter(pk=pk, state=State.DONE, confirm_flagged_at__isnull=True),
                    confirm_flagged_at=now,
                )
                != 1
            ):
                continue
            need = Need.objects.get(pk=pk)
            record(
                actor=by, action="need.confirm_overdue", obj=need, after={"confirm_flagged_at": now}
            )
            notify(
                kind="need.confirm_overdue",
                to=[recipients.area_staff(need.community_id)],
                title=_("“%(t)s”已完成%(d)d天，群众未确认，请社区认定")
                % {"t": need.title, "d": confirm_days()},
                url=_need_url(need),
            )
            flagged += 1
    return flagged


def rate_need(*, need: Need, by: User, score: Any, comment: str = "") -> Rating:
    """双向评价: the provider rates the request (or the resident, if not rated on confirmation).
    One rating per side per need."""
    require(by, "need.view")
    rules.require_can(rules.can_rate(by, need), _("不能评价他人的需求。"))
    if by is not None and rules.is_poster(by, need):
        side, verb_ok = Side.RESIDENT, need.state == State.CONFIRMED
    else:
        side, verb_ok = Side.PROVIDER, need.state in (State.DONE, State.CONFIRMED)
    if not verb_ok:
        raise ValidationError(
            {"need": _("该需求当前状态为“%(s)s”，还不能评价。") % {"s": need.get_state_display()}}
        )
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    if Rating.objects.filter(need=need, side=side).exists():
        raise ValidationError({"need": _("您已评价过该需求，不能重复评价。")})
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                need=need, side=side, score=score, comment=comment, by=by
            )
            counters.created(rating)
            record(actor=by, action="need.rate", obj=rating, after=snapshot(rating))
            other = poster_recipients(need) if side == Side.PROVIDER else provider_recipients(need)
            notify(
                kind="need.rated",
                to=other,
                title=_("“%(t)s”收到评价：%(s)d星") % {"t": need.title, "s": score},
                body=comment,
                url=_need_url(need),
            )
    except IntegrityError:
        raise ValidationError({"need": _("您已评价过该需求，不能重复评价。")}) from None
    return rating


def update_rating(*, rating: Rating, by: User | None, score: Any, comment: str = "") -> Rating:
    """A rating may be changed by its author within 7 days, never after."""
    require(by, "need.view")
    rules.require_can(rules.can_update_rating(by, rating), _("只能修改自己的评价。"))
    if timezone.now() - rating.created_at > dt.timedelta(days=RATING_EDIT_DAYS):
        raise ValidationError(
            {"rating": _("评价已超过%(d)d天，不能再修改。") % {"d": RATING_EDIT_DAYS}}
        )
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    with transaction.atomic():
        before = snapshot(rating)
        rating.score, rating.comment = score, comment
        with counters.tracking(rating):
            rating.save(update_fields=["score", "comment", "updated_at"])
        record(
            actor=by, action="need.rating_update", obj=rating, before=before, after=snapshot(rating)
        )
    return rating
