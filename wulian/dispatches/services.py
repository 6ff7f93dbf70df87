"""Every change to dispatches, criticisms, rectifications, inspections and inquiries."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area
from wulian.audit.services import record, snapshot
from wulian.core import bounds, counters, uploads
from wulian.core.crypto import sm3_hex
from wulian.dispatches import figures as dispatch_figures
from wulian.dispatches.letterhead import issuer_for, letterhead
from wulian.dispatches.models import (
    Criticism,
    Decision,
    Dispatch,
    DispatchKind,
    DispatchStatus,
    DocumentCounter,
    Finding,
    Inquiry,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Rectification,
    RectificationReport,
    RectificationStatus,
)
from wulian.duties import services as duty_services
from wulian.duties.models import DutyKind
from wulian.duties.selectors import acting_org, user_org_ids
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org
from wulian.orgs.rules import is_upper_staff

PUBLISHED_REFUSAL = "该通报已发布，不能修改；如需更正，请发布更正通报。"


def _covers(by, path: str) -> bool:
    return by is None or scope_for(by).covers_path(path)


def _above(by, org: Org) -> bool:
    """The actor is staff of a level above ``org`` (the platform itself always is): inspections
    and inquiries go downwards, so the supervised org's own staff never act on their own."""
    return by is None or is_upper_staff(by, org)


def _refuse_published(dispatch: Dispatch) -> None:
    if Dispatch.objects.filter(pk=dispatch.pk, status=DispatchStatus.PUBLISHED).exists():
        raise ValidationError({"status": _(PUBLISHED_REFUSAL)})


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


# ------------------------------------------------------------------------------------ dispatch

def generate_monthly_dispatch(*, scope_area: Area, period: dt.date, by=None,
                              today: dt.date | None = None) -> tuple[Dispatch, bool]:
    """The month's draft for a scope: figures per org below, ranking, overdue items. Once per
    scope and month (a unique constraint): a second call returns the existing one (the job) or
    is refused (a person)."""
    require(by, "dispatch.create")
    today = today or timezone.localdate()
    period = period.replace(day=1)
    if not bounds.date_in_range(period):
        raise ValidationError({"period": _("月份应在%(a)d年至%(b)d年之间。") % {
            "a": bounds.YEAR_MIN, "b": bounds.YEAR_MAX}})
    if period >= today.replace(day=1):
        raise ValidationError({"period": _("只能生成已结束月份的调度通报。")})
    if by is not None:
        require_area(by, scope_area.path)
    issuer = issuer_for(scope_area)
    if issuer is None:
        raise ValidationError({"scope_area": _("“%(a)s”没有可发文的党组织或社治委。") % {"a": scope_area}})
    existing = Dispatch.objects.filter(scope_area=scope_area, period=period, kind=DispatchKind.MONTHLY).first()
    if existing is not None:
        if by is not None:
            raise ValidationError({"period": _("%(a)s %(y)d年%(m)d月的调度通报已生成。") % {
                "a": scope_area, "y": period.year, "m": period.month}})
        return existing, False
    _header, prefix = letterhead(issuer)
    parent_issuer = issuer_for(scope_area.parent) if scope_area.parent_id else None
    dispatch = Dispatch(
        kind=DispatchKind.MONTHLY, scope_area=scope_area, issuer=issuer, period=period, doc_prefix=prefix,
        title=_("关于%(y)d年%(m)d月%(a)s城市基层党建互联互动工作调度情况的通报") % {
            "y": period.year, "m": period.month, "a": scope_area.name},
        intro=_("为推动责任清单、任务清单和问题清单落实，现将%(y)d年%(m)d月%(a)s各单位清单事项落实情况通报如下。") % {
            "y": period.year, "m": period.month, "a": scope_area.name},
        closing=_("各单位要对照本通报，逐项明确整改措施、责任人和完成时限；被通报批评的单位要在整改期限内报送整改情况。"),
        cc=parent_issuer.name if parent_issuer else "",
        figures=dispatch_figures.compute(scope_area, period, today),
    )
    try:
        with transaction.atomic():
            dispatch.save()
            record(actor=by, action="dispatch.generate", obj=dispatch,
                   after={"scope_area": scope_area.code, "period": period, "rows": len(dispatch.figures["rows"])})
            notify(kind="dispatch.generate", to=[recipients.officials_of(issuer.pk)],
                   title=_("调度通报待审核：%(t)s") % {"t": dispatch.title}, url=f"/dispatches/{dispatch.pk}/")
    except IntegrityError:
        existing = Dispatch.objects.get(scope_area=scope_area, period=period, kind=DispatchKind.MONTHLY)
        if by is not None:
            raise ValidationError({"period": _("该月份的调度通报已生成。")}) from None
        return existing, False
    return dispatch, True


def update_dispatch(*, by, dispatch: Dispatch, title: str, intro: str = "", closing: str = "", cc: str = "") -> Dispatch:
    require(by, "dispatch.edit")
    if not (title or "").strip():
        raise ValidationError({"title": _("请填写标题。")})
    with transaction.atomic():
        before = snapshot(dispatch, exclude=("figures", "pdf"))
        changed = Dispatch.objects.filter(pk=dispatch.pk, status=DispatchStatus.DRAFT).update(
            title=title.strip()[:200], intro=intro.strip(), closing=closing.strip(), cc=cc.strip()[:300])
        if not changed:
            raise ValidationError({"status": _(PUBLISHED_REFUSAL)})
        dispatch.refresh_from_db()
        record(actor=by, action="dispatch.update", obj=dispatch, before=before, after=snapshot(dispatch, exclude=("figures", "pdf")))
    return dispatch


def add_criticism(*, by, dispatch: Dispatch, org: Org, failure: str, deadline: dt.date | None) -> Criticism:
    """Name an org in a draft dispatch, with its failure and a rectification deadline."""
    require(by, "dispatch.edit")
    errors: dict[str, list[str]] = {}
    if not (failure or "").strip():
        errors["failure"] = [_("请写明存在的问题。")]
    if deadline is None:
        errors["deadline"] = [_("请填写整改期限。")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [_("整改期限不能早于今天。")]
    if org is None:
        errors["org"] = [_("请选择被通报单位。")]
    elif not org.area.path.startswith(dispatch.scope_area.path):
        errors["org"] = [_("“%(o)s”不在本通报的范围（%(a)s）内，不能通报批评。") % {"o": org, "a": dispatch.scope_area}]
    elif org.pk == dispatch.issuer_id:
        errors["org"] = [_("不能通报批评发文单位本身。")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _refuse_published(dispatch)
        criticism = Criticism.objects.create(dispatch=dispatch, org=org, failure=failure.strip(), deadline=deadline,
                                             created_by=by)
        rectification = Rectification.objects.create(criticism=criticism, org=org, deadline=deadline)
        counters.created([criticism, rectification])
        record(actor=by, action="dispatch.criticize", obj=criticism, after=snapshot(criticism))
    return criticism


def remove_criticism(*, by, criticism: Criticism) -> None:
    require(by, "dispatch.edit")
    with transaction.atomic():
        _refuse_published(criticism.dispatch)
        record(actor=by, action="dispatch.uncriticize", obj=criticism, before=snapshot(criticism))
        counters.deleted(criticism)
        criticism.delete()


def _next_document_number(issuer: Org, year: int) -> int:
    """Take the issuer's next number of the year under a lock on its counter row: no gaps (the
    counter rolls back with the transaction) and no duplicates (one holder at a time)."""
    counter = DocumentCounter.objects.select_for_update().filter(issuer=issuer, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                DocumentCounter.objects.create(issuer=issuer, year=year, last_number=0)
        except IntegrityError:
            pass
        counter = DocumentCounter.objects.select_for_update().get(issuer=issuer, year=year)
    DocumentCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return DocumentCounter.objects.values_list("last_number", flat=True).get(pk=counter.pk)


def is_party_document(issuer, header: str) -> bool:
    """党的机关公文: issued by a party organisation or a party committee's body (社治委)."""
    from wulian.orgs.models import Kind

    return header.startswith("中共") or issuer.kind in (Kind.PARTY_ORG, Kind.GOVERNANCE_COMMITTEE)


def render_dispatch_pdf(dispatch: Dispatch, *, signed_on: dt.date | None = None, draft: bool = False) -> bytes:
    from wulian.core.pdf import render_pdf

    return render_pdf("dispatches/pdf.html", dispatch_pdf_context(dispatch, signed_on=signed_on, draft=draft))


def dispatch_pdf_context(dispatch: Dispatch, *, signed_on: dt.date | None = None, draft: bool = False) -> dict:
    from wulian.core.pdf import TITLE_PT, issuer_mark, title_lines

    header, _prefix = letterhead(dispatch.issuer)
    # GB/T 9704: the red mark is larger than the title and on one line (condensed when long); the
    # signature and the printing office name the same body as the mark; party bodies' documents
    # carry a red ★ in the separator line; the title breaks between words.
    header_size, header_scale = issuer_mark(header, title_pt=TITLE_PT)
    body = header.removesuffix("文件")
    return {
        "dispatch": dispatch, "header": header, "header_size": header_size, "header_scale": header_scale,
        "title_pt": TITLE_PT, "title_lines": title_lines(dispatch.title), "signature": body,
        "party": is_party_document(dispatch.issuer, header), "draft": draft,
        "criticisms": list(dispatch.criticisms.select_related("org")),
        "signed_on": signed_on or (timezone.localdate(dispatch.published_at) if dispatch.published_at else timezone.localdate()),
        "printed_on": signed_on or timezone.localdate(),
    }


def publish_dispatch(*, by, dispatch: Dispatch) -> Dispatch:
    """Publish a reviewed draft: take the next document number, render the notice as a PDF,
    store it with its SM3 hash. Publishing twice is refused; the PDF is frozen."""
    require(by, "dispatch.publish")
    if by is not None:
        require_area(by, dispatch.scope_area.path)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = Dispatch.objects.select_for_update().select_related("issuer__area", "scope_area").get(pk=dispatch.pk)
        if locked.status != DispatchStatus.DRAFT:
            raise ValidationError({"status": _("该通报已发布（%(no)s），不能重复发布。") % {"no": locked.document_no}})
        number = _next_document_number(locked.issuer, today.year)
        changed = Dispatch.objects.filter(pk=locked.pk, status=DispatchStatus.DRAFT).update(
            status=DispatchStatus.PUBLISHED, doc_year=today.year, doc_number=number, published_at=now,
            published_by=by)
        if not changed:
            raise ValidationError({"status": _("该通报已发布，不能重复发布。")})
        locked.refresh_from_db()
        pdf = render_dispatch_pdf(locked, signed_on=today)
        locked.pdf.save(f"{locked.issuer_id}-{today.year}-{number}.pdf", ContentFile(pdf), save=False)
        locked.pdf_sm3 = sm3_hex(pdf)
        Dispatch.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name, pdf_sm3=locked.pdf_sm3)
        counters.update(Criticism.objects.filter(dispatch=locked), published_at=now)
        record(actor=by, action="dispatch.publish", obj=locked,
               after={"document_no": locked.document_no, "pdf_sm3": locked.pdf_sm3,
                      "criticisms": list(locked.criticisms.values_list("org_id", flat=True))})
        for criticism in locked.criticisms.all():
            notify(kind="dispatch.criticism", to=[recipients.officials_of(criticism.org_id)],
                   title=_("贵单位在%(no)s中被通报批评，请于%(d)s前整改") % {"no": locked.document_no, "d": criticism.deadline},
                   url=f"/dispatches/rectifications/{criticism.rectification.pk}/")
    return locked


def start_correction(*, by, dispatch: Dispatch) -> Dispatch:
    """A published dispatch is never edited; a correction is a new draft referring to it."""
    require(by, "dispatch.create")
    if by is not None:
        require_area(by, dispatch.scope_area.path)
    if not dispatch.is_published:
        raise ValidationError({"status": _("草稿可直接修改，无需更正通报。")})
    with transaction.atomic():
        correction = Dispatch.objects.create(
            kind=DispatchKind.CORRECTION, scope_area=dispatch.scope_area, issuer=dispatch.issuer, period=dispatch.period,
            doc_prefix=dispatch.doc_prefix, corrects=dispatch, figures=dispatch.figures, cc=dispatch.cc,
            title=_("关于更正《%(t)s》（%(no)s）的通报") % {"t": dispatch.title, "no": dispatch.document_no},
            intro=_("%(no)s印发后，发现部分内容有误，现予以更正。更正后的内容如下，原通报同时废止。") % {"no": dispatch.document_no},
            closing=dispatch.closing,
        )
        record(actor=by, action="dispatch.correct", obj=correction, after={"corrects": dispatch.pk})
    return correction


# ------------------------------------------------------------------------------- rectification

def report_rectification(*, by, rectification: Rectification, text: str, evidence=None) -> RectificationReport:
    """The criticized org reports what it fixed, with evidence."""
    require(by, "rectification.report")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写整改情况。")})
    if by is not None and rectification.org_id not in user_org_ids(by):
        raise ValidationError({"rectification": _("只有被通报单位（%(o)s）可以报告整改情况。") % {"o": rectification.org}})
    evidence = uploads.clean_upload(evidence, uploads.EVIDENCE, field="evidence")
    with transaction.atomic():
        current = Rectification.objects.select_for_update().get(pk=rectification.pk)
        if current.status == RectificationStatus.VERIFIED:
            raise ValidationError({"rectification": _("整改已核验通过，不能再报告。")})
        if current.status == RectificationStatus.REPORTED:
            raise ValidationError({"rectification": _("上次报告尚待核验，请等待核验结果。")})
        if not Dispatch.objects.filter(pk=current.criticism.dispatch_id, status=DispatchStatus.PUBLISHED).exists():
            raise ValidationError({"rectification": _("通报尚未发布。")})
        report = RectificationReport.objects.create(rectification=current, text=text, evidence=evidence or "",
                                                    reported_by=by)
        counters.created(report)
        changed = counters.update(Rectification.objects.filter(
            pk=current.pk, status__in=[RectificationStatus.PENDING, RectificationStatus.REJECTED]
        ), status=RectificationStatus.REPORTED)
        if not changed:
            raise ValidationError({"rectification": _("整改状态已变化，请刷新后重试。")})
        record(actor=by, action="rectification.report", obj=current, after={"report": report.pk, "text": text[:200]})
        notify(kind="rectification.report", to=[recipients.officials_of(current.criticism.dispatch.issuer_id)],
               title=_("%(o)s报告了整改情况，请核验") % {"o": current.org}, url=f"/dispatches/rectifications/{current.pk}/")
    rectification.status = RectificationStatus.REPORTED
    return report


def verify_rectification(*, by, rectification: Rectification, approve: bool, note: str = "") -> Rectification:
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
        changed = counters.update(Rectification.objects.filter(pk=rectification.pk, status=RectificationStatus.REPORTED), status=new, verified_at=now if approve else None, verified_by=by if approve else None)
        if not changed:
            raise ValidationError({"rectification": _("没有待核验的整改报告。")})
        report = rectification.reports.order_by("-reported_at", "-id").first()
        if report is not None:
            counters.update(RectificationReport.objects.filter(pk=report.pk), review=new, review_note=(note or "").strip())
        rectification.refresh_from_db()
        record(actor=by, action="rectification.verify", obj=rectification, after={"status": new, "note": note})
        notify(kind="rectification.verify", to=[recipients.officials_of(rectification.org_id)],
               title=(_("整改已核验通过") if approve else _("整改未通过核验：%(n)s") % {"n": note}),
               url=f"/dispatches/rectifications/{rectification.pk}/")
    return rectification


def escalate_overdue_rectifications(*, today: dt.date | None = None) -> list[int]:
    """Rectifications past their deadline and not verified go one level up, exactly once (a
    conditional update on ``escalated_at IS NULL``)."""
    today = today or timezone.localdate()
    escalated = []
    candidates = Rectification.objects.filter(
        deadline__lt=today, escalated_at__isnull=True, criticism__dispatch__status=DispatchStatus.PUBLISHED,
    ).exclude(status=RectificationStatus.VERIFIED).select_related("criticism__dispatch__scope_area", "org")
    for rect in candidates:
        scope = rect.criticism.dispatch.scope_area
        upper = issuer_for(scope.parent) if scope.parent_id else None
        with transaction.atomic():
            changed = counters.update(Rectification.objects.filter(pk=rect.pk, escalated_at__isnull=True).exclude(
                status=RectificationStatus.VERIFIED), escalated_at=timezone.now(), escalated_to=upper)
            if not changed:
                continue
            record(actor=None, action="rectification.escalate", obj=rect,
                   after={"to": upper.pk if upper else None, "deadline": rect.deadline})
            notify(kind="rectification.escalate",
                   to=[recipients.officials_of(upper.pk if upper else None, rect.criticism.dispatch.issuer_id)],
                   title=_("%(o)s逾期未完成整改（期限%(d)s），已提级督办") % {"o": rect.org, "d": rect.deadline},
                   url=f"/dispatches/rectifications/{rect.pk}/")
        escalated.append(rect.pk)
    return escalated


# ---------------------------------------------------------------------------------- inspection

def create_inspection(*, by, kind: str, target: Org, scheduled_on: dt.date | None, inspector: str,
                      checklist: list[str], by_org: Org | None = None) -> Inspection:
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
    if errors:
        raise ValidationError(errors)
    if not _above(by, target):
        raise ValidationError({"target": _("“%(o)s”不在您的管辖范围内，或不是您的下级。") % {"o": target}})
    if by is not None and by_org is None:
        by_org = acting_org(by, target.area.path)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind, target=target, by_org=by_org, inspector=inspector.strip()[:100], scheduled_on=scheduled_on,
            checklist=[{"item": i, "ok": None, "note": ""} for i in items], created_by=by,
        )
        record(actor=by, action="inspection.create", obj=inspection, after=snapshot(inspection))
        if kind != InspectionKind.UNANNOUNCED:  # 暗访 is not announced
            notify(kind="inspection.create", to=[recipients.officials_of(target.pk)],
                   title=_("%(d)s将对贵单位开展%(k)s") % {"d": scheduled_on, "k": inspection.get_kind_display()},
                   url="")
    return inspection


def record_inspection(*, by, inspection: Inspection, results: list[dict], notes: str = "") -> Inspection:
    """Record each checklist item's result (ok / not ok, note) and close the inspection."""
    require(by, "inspection.record")
    if not _above(by, inspection.target):
        raise ValidationError({"inspection": _("只有被督导单位的上级可以记录该督导。")})
    by_item = {str(r.get("item", "")).strip(): r for r in results}
    checklist = []
    for entry in inspection.checklist:
        result = by_item.get(entry["item"], {})
        ok = result.get("ok")
        checklist.append({"item": entry["item"], "ok": None if ok is None else bool(ok), "note": str(result.get("note", ""))[:300]})
    if any(e["ok"] is None for e in checklist):
        raise ValidationError({"checklist": _("请逐项填写检查结果。")})
    with transaction.atomic():
        changed = Inspection.objects.filter(pk=inspection.pk, status=InspectionStatus.PLANNED).update(
            checklist=checklist, notes=(notes or "").strip(), status=InspectionStatus.DONE)
        if not changed:
            raise ValidationError({"status": _("该督导已完成，结果不能再修改。")})
        inspection.refresh_from_db()
        record(actor=by, action="inspection.record", obj=inspection, after={"checklist": checklist, "notes": notes})
    return inspection


def add_finding(*, by, inspection: Inspection, description: str, deadline: dt.date | None) -> Finding:
    """A finding becomes a problem-list duty of the inspected org, due by the deadline."""
    require(by, "inspection.record")
    errors: dict[str, list[str]] = {}
    if not (description or "").strip():
        errors["description"] = [_("请描述发现的问题。")]
    if deadline is None:
        errors["deadline"] = [_("请填写整改期限。")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [_("整改期限不能早于今天。")]
    if errors:
        raise ValidationError(errors)
    if not _above(by, inspection.target):
        raise ValidationError({"inspection": _("只有被督导单位的上级可以记录该督导。")})
    with transaction.atomic():
        title = _("督导发现问题：%(d)s") % {"d": description.strip()}
        duty = duty_services.assign_duty(
            by=by, targets=[inspection.target], kind=DutyKind.PROBLEM, title=title[:200],
            done_criteria=description.strip(), due_on=deadline, assigned_on=timezone.localdate(),
            from_org=inspection.by_org, source=_("督导：%(k)s %(d)s") % {
                "k": inspection.get_kind_display(), "d": inspection.scheduled_on},
        )[0]
        finding = Finding.objects.create(inspection=inspection, description=description.strip(), deadline=deadline, duty=duty)
        record(actor=by, action="inspection.finding", obj=finding, after={"duty": duty.pk, "deadline": deadline})
    return finding


# ------------------------------------------------------------------------------------- inquiry

def send_inquiry(*, by, to_org: Org, subject: str, question: str, reply_due: dt.date | None,
                 from_org: Org | None = None) -> Inquiry:
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
    if errors:
        raise ValidationError(errors)
    if not _above(by, to_org):
        raise ValidationError({"to_org": _("“%(o)s”不在您的管辖范围内，或不是您的下级。") % {"o": to_org}})
    if by is not None and from_org is None:
        from_org = acting_org(by, to_org.area.path)
    if from_org is not None and from_org.pk == to_org.pk:
        raise ValidationError({"to_org": _("不能问询本单位。")})
    with transaction.atomic():
        inquiry = Inquiry.objects.create(from_org=from_org, to_org=to_org, subject=subject.strip()[:200],
                                         question=question.strip(), reply_due=reply_due, sent_by=by)
        record(actor=by, action="inquiry.send", obj=inquiry, after=snapshot(inquiry))
        notify(kind="inquiry.send", to=[recipients.officials_of(to_org.pk)],
               title=_("问询：%(s)s（请于%(d)s前答复）") % {"s": inquiry.subject, "d": reply_due},
               url=f"/dispatches/inquiries/{inquiry.pk}/")
    return inquiry


def reply_inquiry(*, by, inquiry: Inquiry, reply: str) -> Inquiry:
    require(by, "inquiry.reply")
    if not (reply or "").strip():
        raise ValidationError({"reply": _("请填写答复内容。")})
    if by is not None and inquiry.to_org_id not in user_org_ids(by):
        raise ValidationError({"inquiry": _("只有被问询单位（%(o)s）可以答复。") % {"o": inquiry.to_org}})
    with transaction.atomic():
        changed = Inquiry.objects.filter(pk=inquiry.pk, replied_at__isnull=True).update(
            reply=reply.strip(), replied_at=timezone.now(), replied_by=by)
        if not changed:
            raise ValidationError({"reply": _("该问询已答复，不能重复答复。")})
        inquiry.refresh_from_db()
        record(actor=by, action="inquiry.reply", obj=inquiry, after={"reply": inquiry.reply[:300]})
        if inquiry.from_org_id:
            notify(kind="inquiry.reply", to=[recipients.officials_of(inquiry.from_org_id)],
                   title=_("%(o)s已答复问询：%(s)s") % {"o": inquiry.to_org, "s": inquiry.subject},
                   url=f"/dispatches/inquiries/{inquiry.pk}/")
    return inquiry


def decide_inquiry(*, by, inquiry: Inquiry, decision: str, note: str = "") -> Inquiry:
    """Record the accountability decision (问责决定) on an inquiry, once."""
    require(by, "inquiry.decide")
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择问责决定。")})
    if not _above(by, inquiry.to_org):
        raise ValidationError({"inquiry": _("只有被问询单位的上级可以作出问责决定。")})
    with transaction.atomic():
        changed = Inquiry.objects.filter(pk=inquiry.pk, decided_at__isnull=True).update(
            decision=decision, decision_note=(note or "").strip(), decided_at=timezone.now(), decided_by=by)
        if not changed:
            raise ValidationError({"decision": _("该问询已作出决定。")})
        inquiry.refresh_from_db()
        record(actor=by, action="inquiry.decide", obj=inquiry, after={"decision": decision, "note": note})
        notify(kind="inquiry.decide", to=[recipients.officials_of(inquiry.to_org_id)],
               title=_("问询“%(s)s”的处理决定：%(d)s") % {"s": inquiry.subject, "d": inquiry.get_decision_display()},
               url=f"/dispatches/inquiries/{inquiry.pk}/")
    return inquiry
