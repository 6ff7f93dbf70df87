"""Inspections and inquiries: an upper level checks on, or asks, the org below it."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.dispatches.models import (
    Decision,
    Finding,
    Inquiry,
    Inspection,
    InspectionKind,
    InspectionStatus,
)
from wulian.dispatches.rules import (
    DECIDE_REFUSAL,
    RECORD_REFUSAL,
    can_supervise,
    require_supervising,
)
from wulian.duties import services as duty_services
from wulian.duties.models import DutyKind
from wulian.duties.selectors import acting_org, user_org_ids
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org


def create_inspection(
    *,
    by: User | None,
    kind: str,
    target: Org,
    scheduled_on: dt.date | None,
    inspector: str,
    checklist: list[str],
    by_org: Org | None = None,
) -> Inspection:
    require(by, "inspection.create")
    errors: dict[str, list[str]] = {}
    if kind not in InspectionKind.values:
        errors["kind"] = [_("未知的督导类型。")]
    if scheduled_on is None:
        errors["scheduled_on"] = [_("请填写督导日期。")]
    if not (inspector or "").strip():
        errors["inspector"] = [_("请填写督导人员。")]
    items = [str(i).strip() for i in checklist if str(i).strip()]
    if not items:
        errors["checklist"] = [_("请至少填写一项检查内容。")]
    if errors or scheduled_on is None:
        raise ValidationError(errors)
    if not can_supervise(by, target):
        raise ValidationError(
            {"target": _("“%(o)s”不在您的管辖范围内，或不是您的下级。") % {"o": target}}
        )
    if by is not None and by_org is None:
        by_org = acting_org(by, target.area.path)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind,
            target=target,
            by_org=by_org,
            inspector=inspector.strip()[:100],
            scheduled_on=scheduled_on,
            checklist=[{"item": i, "ok": None, "note": ""} for i in items],
            created_by=by,
        )
        record(actor=by, action="inspection.create", obj=inspection, after=snapshot(inspection))
        if kind != InspectionKind.UNANNOUNCED:  # 暗访 is not announced
            notify(
                kind="inspection.create",
                to=[recipients.officials_of(target.pk)],
                title=_("%(d)s将对贵单位开展%(k)s")
                % {"d": scheduled_on, "k": inspection.get_kind_display()},
                url="",
            )
    return inspection


def record_inspection(
    *, by: User | None, inspection: Inspection, results: list[dict], notes: str = ""
) -> Inspection:
    """Record each checklist item's result (ok / not ok, note) and close the inspection."""
    require(by, "inspection.record")
    require_supervising(by, inspection.target, RECORD_REFUSAL)
    if inspection.scheduled_on > timezone.localdate():
        raise ValidationError(
            {
                "scheduled_on": _("督导日期（%(d)s）未到，不能记录督导结果。")
                % {"d": inspection.scheduled_on}
            }
        )
    by_item = {str(r.get("item", "")).strip(): r for r in results}
    checklist = []
    for entry in inspection.checklist:
        result = by_item.get(entry["item"], {})
        ok = result.get("ok")
        checklist.append(
            {
                "item": entry["item"],
                "ok": None if ok is None else bool(ok),
                "note": str(result.get("note", ""))[:300],
            }
        )
    if any(e["ok"] is None for e in checklist):
        raise ValidationError({"checklist": _("请逐项填写检查结果。")})
    with transaction.atomic():
        changed = Inspection.objects.filter(
            pk=inspection.pk, status=InspectionStatus.PLANNED
        ).update(checklist=checklist, notes=(notes or "").strip(), status=InspectionStatus.DONE)
        if not changed:
            raise ValidationError({"status": _("该督导已完成，结果不能再修改。")})
        inspection.refresh_from_db()
        record(
            actor=by,
            action="inspection.record",
            obj=inspection,
            after={"checklist": checklist, "notes": notes},
        )
    return inspection


def add_finding(
    *, by: User | None, inspection: Inspection, description: str, deadline: dt.date | None
) -> Finding:
    """A finding becomes a problem-list duty of the inspected org, due by the deadline."""
    require(by, "inspection.record")
    require_supervising(by, inspection.target, RECORD_REFUSAL)
    errors: dict[str, list[str]] = {}
    if not (description or "").strip():
        errors["description"] = [_("请描述发现的问题。")]
    if deadline is None:
        errors["deadline"] = [_("请填写整改期限。")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [_("整改期限不能早于今天。")]
    if errors or deadline is None:
        raise ValidationError(errors)
    with transaction.atomic():
        title = _("督导发现问题：%(d)s") % {"d": description.strip()}
        duty = duty_services.assign_duty(
            by=by,
            targets=[inspection.target],
            kind=DutyKind.PROBLEM,
            title=title[:200],
            done_criteria=description.strip(),
            due_on=deadline,
            assigned_on=timezone.localdate(),
            from_org=inspection.by_org,
            source=_("督导：%(k)s %(d)s")
            % {"k": inspection.get_kind_display(), "d": inspection.scheduled_on},
        )[0]
        finding = Finding.objects.create(
            inspection=inspection, description=description.strip(), deadline=deadline, duty=duty
        )
        record(
            actor=by,
            action="inspection.finding",
            obj=finding,
            after={"duty": duty.pk, "deadline": deadline},
        )
    return finding


# ------------------------------------------------------------------------------------- inquiry


def send_inquiry(
    *,
    by: User | None,
    to_org: Org,
    subject: str,
    question: str,
    reply_due: dt.date | None,
    from_org: Org | None = None,
) -> Inquiry:
    require(by, "inquiry.send")
    errors: dict[str, list[str]] = {}
    if not (subject or "").strip():
        errors["subject"] = [_("请填写事由。")]
    if not (question or "").strip():
        errors["question"] = [_("请填写问询内容。")]
    if reply_due is None:
        errors["reply_due"] = [_("请填写答复期限。")]
    elif reply_due < timezone.localdate():
        errors["reply_due"] = [_("答复期限不能早于今天。")]
    if errors or reply_due is None:
        raise ValidationError(errors)
    if not can_supervise(by, to_org):
        raise ValidationError(
            {"to_org": _("“%(o)s”不在您的管辖范围内，或不是您的下级。") % {"o": to_org}}
        )
    if by is not None and from_org is None:
        from_org = acting_org(by, to_org.area.path)
    if from_org is not None and from_org.pk == to_org.pk:
        raise ValidationError({"to_org": _("不能问询本单位。")})
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            from_org=from_org,
            to_org=to_org,
            subject=subject.strip()[:200],
            question=question.strip(),
            reply_due=reply_due,
            sent_by=by,
        )
        record(actor=by, action="inquiry.send", obj=inquiry, after=snapshot(inquiry))
        notify(
            kind="inquiry.send",
            to=[recipients.officials_of(to_org.pk)],
            title=_("问询：%(s)s（请于%(d)s前答复）") % {"s": inquiry.subject, "d": reply_due},
            url=f"/dispatches/inquiries/{inquiry.pk}/",
        )
    return inquiry


def reply_inquiry(*, by: User | None, inquiry: Inquiry, reply: str) -> Inquiry:
    require(by, "inquiry.reply")
    if not (reply or "").strip():
        raise ValidationError({"reply": _("请填写答复内容。")})
    if by is not None and inquiry.to_org_id not in user_org_ids(by):
        raise ValidationError(
            {"inquiry": _("只有被问询单位（%(o)s）可以答复。") % {"o": inquiry.to_org}}
        )
    with transaction.atomic():
        changed = Inquiry.objects.filter(pk=inquiry.pk, replied_at__isnull=True).update(
            reply=reply.strip(), replied_at=timezone.now(), replied_by=by
        )
        if not changed:
            raise ValidationError({"reply": _("该问询已答复，不能重复答复。")})
        inquiry.refresh_from_db()
        record(actor=by, action="inquiry.reply", obj=inquiry, after={"reply": inquiry.reply[:300]})
        if inquiry.from_org_id:
            notify(
                kind="inquiry.reply",
                to=[recipients.officials_of(inquiry.from_org_id)],
                title=_("%(o)s已答复问询：%(s)s") % {"o": inquiry.to_org, "s": inquiry.subject},
                url=f"/dispatches/inquiries/{inquiry.pk}/",
            )
    return inquiry


def decide_inquiry(*, by: User | None, inquiry: Inquiry, decision: str, note: str = "") -> Inquiry:
    """Record the accountability decision (问责决定) on an inquiry, once."""
    require(by, "inquiry.decide")
    require_supervising(by, inquiry.to_org, DECIDE_REFUSAL)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择问责决定。")})
    with transaction.atomic():
        changed = Inquiry.objects.filter(pk=inquiry.pk, decided_at__isnull=True).update(
            decision=decision,
            decision_note=(note or "").strip(),
            decided_at=timezone.now(),
            decided_by=by,
        )
        if not changed:
            raise ValidationError({"decision": _("该问询已作出决定。")})
        inquiry.refresh_from_db()
        record(
            actor=by,
            action="inquiry.decide",
            obj=inquiry,
            after={"decision": decision, "note": note},
        )
        notify(
            kind="inquiry.decide",
            to=[recipients.officials_of(inquiry.to_org_id)],
            title=_("问询“%(s)s”的处理决定：%(d)s")
            % {"s": inquiry.subject, "d": inquiry.get_decision_display()},
            url=f"/dispatches/inquiries/{inquiry.pk}/",
        )
    return inquiry
