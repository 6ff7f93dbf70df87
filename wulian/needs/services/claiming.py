"""Claiming, starting, fulfilling, releasing and cancelling a need."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record
from wulian.needs import rules
from wulian.needs.models import Need, PhotoKind
from wulian.needs.providers import Provider, provider_context
from wulian.needs.services._common import (
    _audit_view,
    _check_state,
    _hours,
    _need_url,
    _release_contact,
    _require_holder,
    _save_photos,
    _text,
    _transition,
    check_hours_since_claim,
    confirm_days,
    poster_recipients,
    provider_recipients,
    validate_photos,
)
from wulian.notifications.services import notify


def claim_need(*, need: Need, by: User | None, provider: str | None = None) -> Need:
    """First come, first served: exactly one provider holds a need. ``provider`` chooses how the
    user claims ("org:<id>" for a unit, "person:<id>" as a registered party member); by default
    the only one that may."""
    require(by, "need.claim")
    if by is not None and by.person_id and by.person_id == need.posted_by_id:
        raise ValidationError({"need": _("不能认领自己发布的需求。")})
    ctx = provider_context(by)
    if provider:
        chosen: Provider | None = ctx.find(provider)
        if chosen is None:
            raise ValidationError({"provider": _("您不能以该身份接单。")})
        if not ctx.may_provide(chosen, need):
            raise ValidationError(
                {"provider": _("“%(p)s”不在该需求的服务范围内。") % {"p": chosen.label}}
            )
    else:
        eligible = [p for p in ctx.providers if ctx.may_provide(p, need)]
        if not eligible:
            raise ValidationError({"need": _("该需求不在您的服务范围内。")})
        chosen = eligible[0]
    _check_state(need, "claim")
    now = timezone.now()
    with transaction.atomic():
        before = _transition(
            need,
            "claim",
            by,
            extra={
                "provider_org": chosen.org,
                "provider_person": chosen.person,
                "claimed_by_user": by,
                "claimed_at": now,
            },
        )
        record(actor=by, action="need.claim", obj=need, before=before, after=_audit_view(need))
        notify(
            kind="need.claimed",
            to=poster_recipients(need),
            title=_("您的需求“%(t)s”已被接单") % {"t": need.title},
            body=_("接单方：%(p)s") % {"p": need.provider_name},
            url=_need_url(need),
        )
    return need


def start_service(*, need: Need, by: User | None) -> Need:
    require(by, "need.serve")
    _require_holder(need, by, "start")
    _check_state(need, "start")
    with transaction.atomic():
        before = _transition(need, "start", by, extra={"started_at": timezone.now()})
        record(actor=by, action="need.start", obj=need, before=before, after=_audit_view(need))
    return need


def fulfil_need(
    *, need: Need, by: User | None, note: str, hours: Any, photos: Sequence[UploadedFile] = ()
) -> Need:
    """The provider records the service as done, with evidence: a note, hours and photos."""
    require(by, "need.serve")
    _require_holder(need, by, "fulfil")
    _check_state(need, "fulfil")
    note = _text(note, "note", _("服务记录"), 2000)
    hours = _hours(hours)
    now = timezone.now()
    check_hours_since_claim(need, hours, now)
    photos = validate_photos(photos)
    with transaction.atomic():
        # The claim time is part of the condition: a release and a new claim meanwhile would
        # make the hours checked above meaningless.
        before = _transition(
            need,
            "fulfil",
            by,
            extra={
                "done_at": now,
                "evidence_note": note,
                "hours_spent": hours,
                "confirm_due_at": now + dt.timedelta(days=confirm_days()),
            },
            condition=Q(claimed_at=need.claimed_at),
        )
        _save_photos(need, photos, PhotoKind.EVIDENCE)
        record(actor=by, action="need.fulfil", obj=need, before=before, after=_audit_view(need))
        notify(
            kind="need.done",
            to=poster_recipients(need),
            title=_("您的需求“%(t)s”已服务完成，请确认并评价") % {"t": need.title},
            body=note[:200],
            url=_need_url(need),
        )
    return need


def release_need(*, need: Need, by: User | None, reason: str) -> Need:
    """The provider gives the need back: it returns to the menu, the reason recorded."""
    require(by, "need.serve")
    _require_holder(need, by, "release")
    _check_state(need, "release")
    reason = _text(reason, "reason", _("退单原因"), 200)
    now = timezone.now()
    with transaction.atomic():
        before = _transition(
            need,
            "release",
            by,
            extra={
                "provider_org": None,
                "provider_person": None,
                "claimed_by_user": None,
                "claimed_at": None,
                "started_at": None,
                "released_at": now,
                "release_reason": reason,
                "listed_at": now,
                "release_count": need.release_count + 1,
            },
        )
        _release_contact(need)
        record(actor=by, action="need.release", obj=need, before=before, after=_audit_view(need))
        notify(
            kind="need.released",
            to=poster_recipients(need),
            title=_("您的需求“%(t)s”已退回需求菜单") % {"t": need.title},
            body=_("退单原因：%(r)s") % {"r": reason},
            url=_need_url(need),
        )
    return need


def cancel_need(*, need: Need, by: User | None, reason: str = "") -> Need:
    """The resident (or the staff who posted it for them) withdraws the need."""
    require(by, "need.cancel")
    rules.require_can(rules.can_cancel(by, need), _("只能取消自己发布的需求。"))
    _check_state(need, "cancel")
    reason = _text(reason, "reason", _("取消原因"), 200, required=False)
    providers = provider_recipients(need)
    with transaction.atomic():
        before = _transition(
            need, "cancel", by, extra={"cancelled_at": timezone.now(), "cancel_reason": reason}
        )
        _release_contact(need)
        record(actor=by, action="need.cancel", obj=need, before=before, after=_audit_view(need))
        notify(
            kind="need.cancelled",
            to=providers,
            title=_("需求“%(t)s”已被群众取消") % {"t": need.title},
            body=reason,
            url=_need_url(need),
        )
    return need
