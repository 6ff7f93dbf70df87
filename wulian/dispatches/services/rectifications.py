"""Rectifications ordered by a published dispatch: report, verify, escalate when overdue."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record
from wulian.core import counters, uploads
from wulian.dispatches.letterhead import issuer_for
from wulian.dispatches.models import (
    Dispatch,
    DispatchStatus,
    Rectification,
    RectificationReport,
    RectificationStatus,
)
from wulian.dispatches.services.common import (
    _covers,
)
from wulian.duties.selectors import user_org_ids
from wulian.notifications import recipients
from wulian.notifications.services import notify

if TYPE_CHECKING:
    from django.core.files import File


def report_rectification(
    *, by: User | None, rectification: Rectification, text: str, evidence: File | None = None
) -> RectificationReport:
    """The criticized org reports what it fixed, with evidence."""
    require(by, "rectification.report")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写整改情况。")})
    if by is not None and rectification.org_id not in user_org_ids(by):
        raise ValidationError(
            {
                "rectification": _("只有被通报单位（%(o)s）可以报告整改情况。")
                % {"o": rectification.org}
            }
        )
    evidence = uploads.clean_upload(evidence, uploads.EVIDENCE, field="evidence")
    with transaction.atomic():
        current = Rectification.objects.select_for_update().get(pk=rectification.pk)
        if current.status == RectificationStatus.VERIFIED:
            raise ValidationError({"rectification": _("整改已核验通过，不能再报告。")})
        if current.status == RectificationStatus.REPORTED:
            raise ValidationError({"rectification": _("上次报告尚待核验，请等待核验结果。")})
        if not Dispatch.objects.filter(
            pk=current.criticism.dispatch_id, status=DispatchStatus.PUBLISHED
        ).exists():
            raise ValidationError({"rectification": _("通报尚未发布。")})
        report = RectificationReport.objects.create(
            rectification=current, text=text, evidence=evidence or "", reported_by=by
        )
        counters.created(report)
        changed = counters.update(
            Rectification.objects.filter(
                pk=current.pk,
                status__in=[RectificationStatus.PENDING, RectificationStatus.REJECTED],
            ),
            status=RectificationStatus.REPORTED,
        )
        if not changed:
            raise ValidationError({"rectification": _("整改状态已变化，请刷新后重试。")})
        record(
            actor=by,
            action="rectification.report",
            obj=current,
            after={"report": report.pk, "text": text[:200]},
        )
        notify(
            kind="rectification.report",
            to=[recipients.officials_of(current.criticism.dispatch.issuer_id)],
            title=_("%(o)s报告了整改情况，请核验") % {"o": current.org},
            url=f"/dispatches/rectifications/{current.pk}/",
        )
    rectification.status = RectificationStatus.REPORTED
    return report


def verify_rectification(
    *, by: User | None, rectification: Rectification, approve: bool, note: str = ""
) -> Rectification:
    """The issuer verifies the reported rectification, or rejects it with a reason."""
    require(by, "rectification.verify")
    dispatch = rectification.criticism.dispatch
    if not _covers(by, dispatch.scope_area.path):
        raise ValidationError({"rectification": _("只有发文单位可以核验整改。")})
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("退回时请写明理由。")})
    new = RectificationStatus.VERIFIED if approve else RectificationStatus.REJECTED
    now = timezone.now()
    with transaction.atomic():
        changed = counters.update(
            Rectification.objects.filter(pk=rectification.pk, status=RectificationStatus.REPORTED),
            status=new,
            verified_at=now if approve else None,
            verified_by=by if approve else None,
        )
        if not changed:
            raise ValidationError({"rectification": _("没有待核验的整改报告。")})
        report = rectification.reports.order_by("-reported_at", "-id").first()
        if report is not None:
            counters.update(
                RectificationReport.objects.filter(pk=report.pk),
                review=new,
                review_note=(note or "").strip(),
            )
        rectification.refresh_from_db()
        record(
            actor=by,
            action="rectification.verify",
            obj=rectification,
            after={"status": new, "note": note},
        )
        notify(
            kind="rectification.verify",
            to=[recipients.officials_of(rectification.org_id)],
            title=(_("整改已核验通过") if approve else _("整改未通过核验：%(n)s") % {"n": note}),
            url=f"/dispatches/rectifications/{rectification.pk}/",
        )
    return rectification


def escalate_overdue_rectifications(*, today: dt.date | None = None) -> list[int]:
    """Rectifications past their deadline and not verified go one level up, exactly once (a
    conditional update on ``escalated_at IS NULL``)."""
    today = today or timezone.localdate()
    escalated = []
    candidates = (
        Rectification.objects.filter(
            deadline__lt=today,
            escalated_at__isnull=True,
            criticism__dispatch__status=DispatchStatus.PUBLISHED,
        )
        .exclude(status=RectificationStatus.VERIFIED)
        .select_related("criticism__dispatch__scope_area", "org")
    )
    for rect in candidates:
        scope = rect.criticism.dispatch.scope_area
        upper = issuer_for(scope.parent) if scope.parent is not None else None
        with transaction.atomic():
            changed = counters.update(
                Rectification.objects.filter(pk=rect.pk, escalated_at__isnull=True).exclude(
                    status=RectificationStatus.VERIFIED
                ),
                escalated_at=timezone.now(),
                escalated_to=upper,
            )
            if not changed:
                continue
            record(
                actor=None,
                action="rectification.escalate",
                obj=rect,
                after={"to": upper.pk if upper else None, "deadline": rect.deadline},
            )
            notify(
                kind="rectification.escalate",
                to=[
                    recipients.officials_of(
                        upper.pk if upper else None, rect.criticism.dispatch.issuer_id
                    )
                ],
                title=_("%(o)s逾期未完成整改（期限%(d)s），已提级督办")
                % {"o": rect.org, "d": rect.deadline},
                url=f"/dispatches/rectifications/{rect.pk}/",
            )
        escalated.append(rect.pk)
    return escalated
