"""Agreements: draft, submit, confirm, revise, end."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.agreements.models import Agreement, AgreementStatus, ServiceItem
from wulian.agreements.rules import (
    can_confirm,
    can_draft,
    can_update,
    is_party_side,
    is_unit_side,
    require_can,
)
from wulian.agreements.services._common import (
    AGREEMENT_FIELDS,
    _agreement_snapshot,
    _ensure_editable,
)
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.notifications import recipients
from wulian.notifications.services import notify

if TYPE_CHECKING:
    from wulian.orgs.models import Org


def _validate_agreement(agreement: Agreement) -> None:
    errors: dict[str, list[str]] = {}
    agreement.title = (agreement.title or "").strip()
    if not agreement.title:
        errors["title"] = [_("请填写协议标题。")]
    if agreement.party_org_id and not agreement.party_org.leads_id:
        errors["party_org"] = [_("“%(o)s”不是领导区域的党组织。") % {"o": agreement.party_org}]
    if agreement.unit_id and not agreement.unit.is_unit:
        errors["unit"] = [_("“%(o)s”不是驻区单位。") % {"o": agreement.unit}]
    if agreement.start is None:
        errors["start"] = [_("请填写开始日期。")]
    if agreement.end is None:
        errors["end"] = [_("请填写结束日期。")]
    elif agreement.start is not None and agreement.end < agreement.start:
        errors["end"] = [_("结束日期不能早于开始日期。")]
    if errors:
        raise ValidationError(errors)


def create_agreement(
    *,
    by: User | None,
    party_org: Org | None,
    unit: Org | None,
    start: dt.date,
    end: dt.date,
    title: str = "",
    note: str = "",
) -> Agreement:
    """Draft an agreement between an area's leading party organization and a unit."""
    require(by, "agreement.create")
    if party_org is None:
        raise ValidationError({"party_org": _("请选择属地党组织。")})
    if unit is None:
        raise ValidationError({"unit": _("请选择驻区单位。")})
    agreement = Agreement(
        party_org=party_org,
        unit=unit,
        start=start,
        end=end,
        note=note or "",
        title=title or _("%(p)s与%(u)s服务项目责任书") % {"p": party_org, "u": unit},
        created_by=by if by is not None else None,
    )
    _validate_agreement(agreement)
    if party_org.leads is None:  # refused by _validate_agreement: this tells the type checker
        raise ValidationError(
            {"party_org": [_("“%(o)s”不是领导区域的党组织。") % {"o": party_org}]}
        )
    agreement.area = party_org.leads
    require_can(can_draft(by, agreement), "agreement.create")
    with transaction.atomic():
        with counters.tracking(agreement):
            agreement.save()
        record(actor=by, action="agreement.create", obj=agreement, after=snapshot(agreement))
    return agreement


def update_agreement(*, agreement: Agreement, by: User | None, **changes: Any) -> Agreement:
    require(by, "agreement.update")
    require_can(can_update(by, agreement), "agreement.update")
    unknown = set(changes) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    with transaction.atomic():
        locked = (
            Agreement.objects.select_for_update(of=("self",))
            .select_related("area", "party_org", "unit")
            .get(pk=agreement.pk)
        )
        _ensure_editable(locked)
        before = snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        _validate_agreement(locked)
        with counters.tracking(locked):
            locked.save()
        record(
            actor=by, action="agreement.update", obj=locked, before=before, after=snapshot(locked)
        )
    return locked


def submit_agreement(*, agreement: Agreement, by: User | None) -> Agreement:
    """Send a draft to both sides for confirmation."""
    require(by, "agreement.update")
    require_can(can_update(by, agreement), "agreement.update")
    with transaction.atomic():
        locked = (
            Agreement.objects.select_for_update(of=("self",))
            .select_related("area", "party_org", "unit")
            .get(pk=agreement.pk)
        )
        if locked.status != AgreementStatus.DRAFT:
            raise ValidationError(
                {
                    "status": _("只有草稿可以提交确认（当前：%(s)s）。")
                    % {"s": locked.get_status_display()}
                }
            )
        if not locked.items.exists():
            raise ValidationError({"items": _("请至少添加一个服务项目后再提交。")})
        locked.status = AgreementStatus.AWAITING
        locked.submitted_at = timezone.now()
        locked.party_confirmed_at = locked.unit_confirmed_at = None
        locked.party_confirmed_by = locked.unit_confirmed_by = None
        with counters.tracking(locked):
            locked.save()
        record(actor=by, action="agreement.submit", obj=locked, after=_agreement_snapshot(locked))
        notify(
            kind="agreement.submitted",
            to=[recipients.unit_contacts_of(locked.unit_id)],
            title=_("共建协议待确认：%(a)s") % {"a": locked},
            url=reverse("agreements:detail", args=[locked.pk]),
        )
    return locked


def confirm_agreement(*, agreement: Agreement, by: User | None) -> Agreement:
    """One side confirms; when both have, the agreement is in force (and its previous version,
    if any, is superseded). The agreement row is locked, so two simultaneous confirmations of
    the two sides both count."""
    require(by, "agreement.confirm")
    with transaction.atomic():
        locked = (
            Agreement.objects.select_for_update(of=("self",))
            .select_related("area", "party_org", "unit")
            .get(pk=agreement.pk)
        )
        require_can(can_confirm(by, locked), "agreement.confirm")
        if locked.status != AgreementStatus.AWAITING:
            raise ValidationError(
                {
                    "status": _("只有待确认的协议可以确认（当前：%(s)s）。")
                    % {"s": locked.get_status_display()}
                }
            )
        party, unit = is_party_side(by, locked), is_unit_side(by, locked)
        now = timezone.now()
        if party and locked.party_confirmed_at is None:
            locked.party_confirmed_at, locked.party_confirmed_by = now, by
        elif unit and locked.unit_confirmed_at is None:
            locked.unit_confirmed_at, locked.unit_confirmed_by = now, by
        else:
            raise ValidationError({"status": _("您这一方已经确认过。")})
        if by is None:  # the system (demo, commands) confirms for both sides
            locked.party_confirmed_at = locked.party_confirmed_at or now
            locked.unit_confirmed_at = locked.unit_confirmed_at or now
        previous_before = None
        if locked.party_confirmed_at and locked.unit_confirmed_at:
            locked.status = AgreementStatus.IN_FORCE
            locked.in_force_at = now
            if locked.previous_id:
                previous = Agreement.objects.select_for_update().get(pk=locked.previous_id)
                previous_before = previous.status
                counters.update(
                    Agreement.objects.filter(pk=previous.pk),
                    status=AgreementStatus.SUPERSEDED,
                    ended_at=now,
                )
        with counters.tracking(locked):
            locked.save()
        record(
            actor=by,
            action="agreement.confirm",
            obj=locked,
            after={
                "status": locked.status,
                "party_confirmed_at": locked.party_confirmed_at,
                "unit_confirmed_at": locked.unit_confirmed_at,
                "previous_status_was": previous_before,
            },
        )
        if locked.status == AgreementStatus.IN_FORCE:
            notify(
                kind="agreement.in_force",
                to=[recipients.officials_of(locked.unit_id, locked.party_org_id)],
                title=_("共建协议已生效：%(a)s") % {"a": locked},
                url=reverse("agreements:detail", args=[locked.pk]),
            )
    return locked


def revise_agreement(*, agreement: Agreement, by: User | None) -> Agreement:
    """Start a new version of an agreement in force: a draft copy, items included, that keeps
    each item's line so fulfilment carries on. The version in force stays until the new one is
    confirmed by both sides."""
    require(by, "agreement.update")
    require_can(can_update(by, agreement), "agreement.update")
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.status != AgreementStatus.IN_FORCE:
            raise ValidationError(
                {
                    "status": _("只有生效中的协议可以生成新版本（当前：%(s)s）。")
                    % {"s": locked.get_status_display()}
                }
            )
        if Agreement.objects.filter(previous=locked).exists():
            raise ValidationError({"status": _("该协议已有一个待生效的新版本。")})
        new = Agreement(
            title=locked.title,
            area_id=locked.area_id,
            party_org_id=locked.party_org_id,
            unit_id=locked.unit_id,
            start=locked.start,
            end=locked.end,
            note=locked.note,
            version=locked.version + 1,
            previous=locked,
            created_by=by,
        )
        try:
            with transaction.atomic(), counters.tracking(new):
                new.save()
        except IntegrityError:
            raise ValidationError({"status": _("该协议已有一个待生效的新版本。")}) from None
        ServiceItem.objects.bulk_create(
            [
                ServiceItem(
                    agreement=new,
                    line_key=i.line_key,
                    position=i.position,
                    content=i.content,
                    standard=i.standard,
                    kind=i.kind,
                    target_count=i.target_count,
                    target_unit=i.target_unit,
                    target_period=i.target_period,
                    responsible_org_id=i.responsible_org_id,
                    responsible_person=i.responsible_person,
                    resource_id=i.resource_id,
                )
                for i in locked.items.all()
            ]
        )
        record(
            actor=by,
            action="agreement.revise",
            obj=new,
            before={"previous": locked.pk, "version": locked.version},
            after=_agreement_snapshot(new),
        )
    return new


def end_agreement(*, agreement: Agreement, by: User | None, reason: str = "") -> Agreement:
    require(by, "agreement.update")
    require_can(can_update(by, agreement), "agreement.update")
    with transaction.atomic():
        updated = counters.update(
            Agreement.objects.filter(pk=agreement.pk, status=AgreementStatus.IN_FORCE),
            status=AgreementStatus.ENDED,
            ended_at=timezone.now(),
        )
        if updated != 1:
            raise ValidationError({"status": _("只有生效中的协议可以终止。")})
        agreement.refresh_from_db()
        record(
            actor=by,
            action="agreement.end",
            obj=agreement,
            after={"status": agreement.status, "reason": reason},
        )
    return agreement
