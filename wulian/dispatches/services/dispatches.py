"""Monthly dispatches and corrections: generate, edit, criticise, number, render and publish."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area
from wulian.audit.services import record, snapshot
from wulian.core import bounds, counters
from wulian.core.crypto import sm3_hex
from wulian.dispatches import figures as dispatch_figures
from wulian.dispatches.letterhead import issuer_for, letterhead
from wulian.dispatches.models import (
    Criticism,
    Dispatch,
    DispatchKind,
    DispatchStatus,
    DocumentCounter,
    Rectification,
)
from wulian.dispatches.services.common import (
    PUBLISHED_REFUSAL,
    _refuse_published,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org


def generate_monthly_dispatch(
    *, scope_area: Area, period: dt.date, by: User | None = None, today: dt.date | None = None
) -> tuple[Dispatch, bool]:
    """The month's draft for a scope: figures per org below, ranking, overdue items. Once per
    scope and month (a unique constraint): a second call returns the existing one (the job) or
    is refused (a person)."""
    require(by, "dispatch.create")
    today = today or timezone.localdate()
    period = period.replace(day=1)
    if not bounds.date_in_range(period):
        raise ValidationError(
            {
                "period": _("月份应在%(a)d年至%(b)d年之间。")
                % {"a": bounds.YEAR_MIN, "b": bounds.YEAR_MAX}
            }
        )
    if period >= today.replace(day=1):
        raise ValidationError({"period": _("只能生成已结束月份的调度通报。")})
    if by is not None:
        require_area(by, scope_area.path)
    issuer = issuer_for(scope_area)
    if issuer is None:
        raise ValidationError(
            {"scope_area": _("“%(a)s”没有可发文的党组织或社治委。") % {"a": scope_area}}
        )
    existing = Dispatch.objects.filter(
        scope_area=scope_area, period=period, kind=DispatchKind.MONTHLY
    ).first()
    if existing is not None:
        if by is not None:
            raise ValidationError(
                {
                    "period": _("%(a)s %(y)d年%(m)d月的调度通报已生成。")
                    % {"a": scope_area, "y": period.year, "m": period.month}
                }
            )
        return existing, False
    _header, prefix = letterhead(issuer)
    parent_issuer = issuer_for(scope_area.parent) if scope_area.parent is not None else None
    dispatch = Dispatch(
        kind=DispatchKind.MONTHLY,
        scope_area=scope_area,
        issuer=issuer,
        period=period,
        doc_prefix=prefix,
        title=_("关于%(y)d年%(m)d月%(a)s城市基层党建互联互动工作调度情况的通报")
        % {"y": period.year, "m": period.month, "a": scope_area.name},
        intro=_(
            "为推动责任清单、任务清单和问题清单落实，现将%(y)d年%(m)d月%(a)s各单位清单事项落实情况通报如下。"
        )
        % {"y": period.year, "m": period.month, "a": scope_area.name},
        closing=_(
            "各单位要对照本通报，逐项明确整改措施、责任人和完成时限；被通报批评的单位要在整改期限内报送整改情况。"
        ),
        cc=parent_issuer.name if parent_issuer else "",
        figures=dispatch_figures.compute(scope_area, period, today),
    )
    try:
        with transaction.atomic():
            dispatch.save()
            record(
                actor=by,
                action="dispatch.generate",
                obj=dispatch,
                after={
                    "scope_area": scope_area.code,
                    "period": period,
                    "rows": len(dispatch.figures["rows"]),
                },
            )
            notify(
                kind="dispatch.generate",
                to=[recipients.officials_of(issuer.pk)],
                title=_("调度通报待审核：%(t)s") % {"t": dispatch.title},
                url=f"/dispatches/{dispatch.pk}/",
            )
    except IntegrityError:
        existing = Dispatch.objects.get(
            scope_area=scope_area, period=period, kind=DispatchKind.MONTHLY
        )
        if by is not None:
            raise ValidationError({"period": _("该月份的调度通报已生成。")}) from None
        return existing, False
    return dispatch, True


def update_dispatch(
    *,
    by: User | None,
    dispatch: Dispatch,
    title: str,
    intro: str = "",
    closing: str = "",
    cc: str = "",
) -> Dispatch:
    require(by, "dispatch.edit")
    if not (title or "").strip():
        raise ValidationError({"title": _("请填写标题。")})
    with transaction.atomic():
        before = snapshot(dispatch, exclude=("figures", "pdf"))
        changed = Dispatch.objects.filter(pk=dispatch.pk, status=DispatchStatus.DRAFT).update(
            title=title.strip()[:200],
            intro=intro.strip(),
            closing=closing.strip(),
            cc=cc.strip()[:300],
        )
        if not changed:
            raise ValidationError({"status": _(PUBLISHED_REFUSAL)})
        dispatch.refresh_from_db()
        record(
            actor=by,
            action="dispatch.update",
            obj=dispatch,
            before=before,
            after=snapshot(dispatch, exclude=("figures", "pdf")),
        )
    return dispatch


def add_criticism(
    *, by: User | None, dispatch: Dispatch, org: Org, failure: str, deadline: dt.date | None
) -> Criticism:
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
        errors["org"] = [
            _("“%(o)s”不在本通报的范围（%(a)s）内，不能通报批评。")
            % {"o": org, "a": dispatch.scope_area}
        ]
    elif org.pk == dispatch.issuer_id:
        errors["org"] = [_("不能通报批评发文单位本身。")]
    if errors or deadline is None:
        raise ValidationError(errors)
    with transaction.atomic():
        _refuse_published(dispatch)
        criticism = Criticism.objects.create(
            dispatch=dispatch, org=org, failure=failure.strip(), deadline=deadline, created_by=by
        )
        rectification = Rectification.objects.create(
            criticism=criticism, org=org, deadline=deadline
        )
        counters.created([criticism, rectification])
        record(actor=by, action="dispatch.criticize", obj=criticism, after=snapshot(criticism))
    return criticism


def remove_criticism(*, by: User | None, criticism: Criticism) -> None:
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


def is_party_document(issuer: Org, header: str) -> bool:
    """党的机关公文: issued by a party organisation or a party committee's body (社治委)."""
    from wulian.orgs.models import Kind

    return header.startswith("中共") or issuer.kind in (Kind.PARTY_ORG, Kind.GOVERNANCE_COMMITTEE)


def render_dispatch_pdf(
    dispatch: Dispatch, *, signed_on: dt.date | None = None, draft: bool = False
) -> bytes:
    from wulian.core.pdf import render_pdf

    return render_pdf(
        "dispatches/pdf.html", dispatch_pdf_context(dispatch, signed_on=signed_on, draft=draft)
    )


def dispatch_pdf_context(
    dispatch: Dispatch, *, signed_on: dt.date | None = None, draft: bool = False
) -> dict:
    from wulian.core.pdf import TITLE_PT, issuer_mark, title_lines

    header, _prefix = letterhead(dispatch.issuer)
    # GB/T 9704: the red mark is larger than the title and on one line (condensed when long); the
    # signature and the printing office name the same body as the mark; party bodies' documents
    # carry a red ★ in the separator line; the title breaks between words.
    header_size, header_scale = issuer_mark(header, title_pt=TITLE_PT)
    body = header.removesuffix("文件")
    return {
        "dispatch": dispatch,
        "header": header,
        "header_size": header_size,
        "header_scale": header_scale,
        "title_pt": TITLE_PT,
        "title_lines": title_lines(dispatch.title),
        "signature": body,
        "party": is_party_document(dispatch.issuer, header),
        "draft": draft,
        "criticisms": list(dispatch.criticisms.select_related("org")),
        "signed_on": signed_on
        or (
            timezone.localdate(dispatch.published_at)
            if dispatch.published_at
            else timezone.localdate()
        ),
        "printed_on": signed_on or timezone.localdate(),
    }


def publish_dispatch(*, by: User | None, dispatch: Dispatch) -> Dispatch:
    """Publish a reviewed draft: take the next document number, render the notice as a PDF,
    store it with its SM3 hash. Publishing twice is refused; the PDF is frozen."""
    require(by, "dispatch.publish")
    if by is not None:
        require_area(by, dispatch.scope_area.path)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        locked = (
            Dispatch.objects.select_for_update(of=("self",))
            .select_related("issuer__area", "scope_area")
            .get(pk=dispatch.pk)
        )
        if locked.status != DispatchStatus.DRAFT:
            raise ValidationError(
                {"status": _("该通报已发布（%(no)s），不能重复发布。") % {"no": locked.document_no}}
            )
        number = _next_document_number(locked.issuer, today.year)
        changed = Dispatch.objects.filter(pk=locked.pk, status=DispatchStatus.DRAFT).update(
            status=DispatchStatus.PUBLISHED,
            doc_year=today.year,
            doc_number=number,
            published_at=now,
            published_by=by,
        )
        if not changed:
            raise ValidationError({"status": _("该通报已发布，不能重复发布。")})
        locked.refresh_from_db()
        pdf = render_dispatch_pdf(locked, signed_on=today)
        locked.pdf.save(
            f"{locked.issuer_id}-{today.year}-{number}.pdf", ContentFile(pdf), save=False
        )
        locked.pdf_sm3 = sm3_hex(pdf)
        Dispatch.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name, pdf_sm3=locked.pdf_sm3)
        counters.update(Criticism.objects.filter(dispatch=locked), published_at=now)
        record(
            actor=by,
            action="dispatch.publish",
            obj=locked,
            after={
                "document_no": locked.document_no,
                "pdf_sm3": locked.pdf_sm3,
                "criticisms": list(locked.criticisms.values_list("org_id", flat=True)),
            },
        )
        for criticism in locked.criticisms.all():
            notify(
                kind="dispatch.criticism",
                to=[recipients.officials_of(criticism.org_id)],
                title=_("贵单位在%(no)s中被通报批评，请于%(d)s前整改")
                % {"no": locked.document_no, "d": criticism.deadline},
                url=f"/dispatches/rectifications/{criticism.rectification.pk}/",
            )
    return locked


def start_correction(*, by: User | None, dispatch: Dispatch) -> Dispatch:
    """A published dispatch is never edited; a correction is a new draft referring to it."""
    require(by, "dispatch.create")
    if by is not None:
        require_area(by, dispatch.scope_area.path)
    if not dispatch.is_published:
        raise ValidationError({"status": _("草稿可直接修改，无需更正通报。")})
    with transaction.atomic():
        correction = Dispatch.objects.create(
            kind=DispatchKind.CORRECTION,
            scope_area=dispatch.scope_area,
            issuer=dispatch.issuer,
            period=dispatch.period,
            doc_prefix=dispatch.doc_prefix,
            corrects=dispatch,
            figures=dispatch.figures,
            cc=dispatch.cc,
            title=_("关于更正《%(t)s》（%(no)s）的通报")
            % {"t": dispatch.title, "no": dispatch.document_no},
            intro=_(
                "%(no)s印发后，发现部分内容有误，现予以更正。更正后的内容如下，原通报同时废止。"
            )
            % {"no": dispatch.document_no},
            closing=dispatch.closing,
        )
        record(actor=by, action="dispatch.correct", obj=correction, after={"corrects": dispatch.pk})
    return correction
