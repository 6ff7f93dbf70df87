"""Duty lists (责任清单 / 任务清单 / 问题清单), their duties, duties assigned from above, and progress reports."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.core import counters, uploads
from wulian.duties.models import Duty, DutyKind, DutyList, DutyStatus, ProgressReport
from wulian.duties.rules import can_keep_list, can_mark_done, can_report, require_can
from wulian.duties.selectors import acting_org
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from django.core.files import File


MAX_TITLE = 200


def _validate_duty_fields(
    *, title: str, assigned_on: dt.date | None, due_on: dt.date | None
) -> dict:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors.setdefault("title", []).append(_("请填写事项名称。"))
    elif len(title.strip()) > MAX_TITLE:
        errors.setdefault("title", []).append(_("事项名称不能超过%(n)d个字。") % {"n": MAX_TITLE})
    if due_on is None:
        errors.setdefault("due_on", []).append(_("请填写截止日期。"))
    elif assigned_on is not None and due_on < assigned_on:
        errors.setdefault("due_on", []).append(
            _("截止日期（%(due)s）不能早于下达日期（%(assigned)s）。")
            % {"due": due_on, "assigned": assigned_on}
        )
    return errors


def _get_or_create_list(org: Org, year: int, kind: str) -> tuple[DutyList, bool]:
    existing = DutyList.objects.filter(org=org, year=year, kind=kind).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return DutyList.objects.create(org=org, year=year, kind=kind), True
    except IntegrityError:
        return DutyList.objects.get(org=org, year=year, kind=kind), False


def create_duty_list(*, by: User | None, org: Org, year: int, kind: str) -> DutyList:
    require(by, "duty.create")
    errors: dict[str, list[str]] = {}
    if kind not in DutyKind.values:
        errors["kind"] = [_("未知的清单类型。")]
    if not year or not (2000 <= int(year) <= 2100):
        errors["year"] = [_("年度应在2000至2100之间。")]
    if errors:
        raise ValidationError(errors)
    require_can(can_keep_list(by, org), "duty list out of scope")
    with transaction.atomic():
        duty_list, created = _get_or_create_list(org, int(year), kind)
        if not created:
            raise ValidationError(
                {
                    "kind": _("%(o)s的%(y)s年%(k)s已存在。")
                    % {"o": org, "y": year, "k": duty_list.get_kind_display()}
                }
            )
        record(actor=by, action="duty_list.create", obj=duty_list, after=snapshot(duty_list))
    return duty_list


def _new_duty(
    *,
    duty_list: DutyList,
    title: str,
    due_on: dt.date,
    assigned_on: dt.date,
    done_criteria: str,
    responsible_person: str,
    co_orgs: Iterable[Org],
    assignment: uuid.UUID | None = None,
    assigned_by_org: Org | None = None,
    source: str = "",
) -> Duty:
    duty = Duty.objects.create(
        duty_list=duty_list,
        lead_org=duty_list.org,
        title=title.strip(),
        due_on=due_on,
        assigned_on=assigned_on,
        done_criteria=(done_criteria or "").strip(),
        responsible_person=(responsible_person or "").strip()[:50],
        assignment=assignment,
        assigned_by_org=assigned_by_org,
        source=source[:60],
    )
    counters.created(duty)
    co = [o for o in co_orgs if o.pk != duty_list.org_id]
    if co:
        duty.co_orgs.set(co)
    return duty


def create_duty(
    *,
    by: User | None,
    duty_list: DutyList,
    title: str,
    due_on: dt.date | None,
    assigned_on: dt.date | None = None,
    done_criteria: str = "",
    responsible_person: str = "",
    co_orgs: Sequence[Org] = (),
    source: str = "",
) -> Duty:
    """One duty in an org's own list."""
    require(by, "duty.create")
    assigned_on = assigned_on or timezone.localdate()
    errors = _validate_duty_fields(title=title, assigned_on=assigned_on, due_on=due_on)
    if errors or due_on is None:
        raise ValidationError(errors)
    require_can(can_keep_list(by, duty_list.org), "duty list out of scope")
    with transaction.atomic():
        duty = _new_duty(
            duty_list=duty_list,
            title=title,
            due_on=due_on,
            assigned_on=assigned_on,
            done_criteria=done_criteria,
            responsible_person=responsible_person,
            co_orgs=co_orgs,
            source=source,
        )
        record(actor=by, action="duty.create", obj=duty, after=snapshot(duty))
        notify(
            kind="duty.create",
            to=[recipients.officials_of(duty.lead_org_id), recipients.line_of(duty.lead_org_id)],
            title=_("新的清单事项：%(t)s") % {"t": duty.title},
            url=f"/duties/{duty.pk}/",
        )
    return duty


def assign_duty(
    *,
    by: User | None,
    targets: Sequence[Org],
    kind: str,
    title: str,
    due_on: dt.date | None,
    assigned_on: dt.date | None = None,
    done_criteria: str = "",
    responsible_person: str = "",
    co_orgs: Sequence[Org] = (),
    from_org: Org | None = None,
    source: str = "",
) -> list[Duty]:
    """An upper level assigns one duty to many orgs below it (e.g. every street of a district):
    one Duty per target, in that target's list of the year, all sharing one assignment id."""
    require(by, "duty.assign")
    assigned_on = assigned_on or timezone.localdate()
    errors = _validate_duty_fields(title=title, assigned_on=assigned_on, due_on=due_on)
    targets = list(dict.fromkeys(targets))
    if not targets:
        errors.setdefault("targets", []).append(_("请至少选择一个承办单位。"))
    if kind not in DutyKind.values:
        errors.setdefault("kind", []).append(_("未知的清单类型。"))
    if errors or due_on is None:
        raise ValidationError(errors)
    if by is not None:
        outside = [t.name for t in targets if not scope_for(by).covers_path(t.area.path)]
        if outside:
            raise ValidationError(
                {"targets": _("以下单位不在您的管辖范围内：%(o)s。") % {"o": "、".join(outside)}}
            )
        if from_org is None:
            from_org = acting_org(by, targets[0].area.path)
    if from_org is not None and from_org in targets:
        raise ValidationError({"targets": _("不能向本单位（%(o)s）下达事项。") % {"o": from_org}})
    batch = uuid.uuid4()
    with transaction.atomic():
        duties = []
        for target in targets:
            duty_list, _created = _get_or_create_list(target, assigned_on.year, kind)
            duties.append(
                _new_duty(
                    duty_list=duty_list,
                    title=title,
                    due_on=due_on,
                    assigned_on=assigned_on,
                    done_criteria=done_criteria,
                    responsible_person=responsible_person,
                    co_orgs=co_orgs,
                    assignment=batch,
                    assigned_by_org=from_org,
                    source=source,
                )
            )
        record(
            actor=by,
            action="duty.assign",
            object_type="duties.duty",
            object_id=str(batch),
            object_repr=title.strip()[:300],
            after={
                "assignment": str(batch),
                "duties": [d.pk for d in duties],
                "targets": [t.pk for t in targets],
                "due_on": due_on,
                "assigned_on": assigned_on,
                "kind": kind,
                "from_org": from_org.pk if from_org else None,
            },
        )
        for duty in duties:
            notify(
                kind="duty.assign",
                to=[
                    recipients.officials_of(duty.lead_org_id),
                    recipients.line_of(duty.lead_org_id),
                ],
                title=_("上级下达事项：%(t)s") % {"t": duty.title},
                url=f"/duties/{duty.pk}/",
            )
    return duties


def report_progress(
    *, by: User | None, duty: Duty, text: str, evidence: File | None = None, done: bool = False
) -> ProgressReport:
    """The lead org (or a co-org) reports progress, with evidence; ``done`` closes the duty."""
    require(by, "duty.report")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写进展情况。")})
    require_can(can_report(by, duty), "duty.report")
    if done:
        require_can(can_mark_done(by, duty), "duty.report: lead org only")
    evidence = uploads.clean_upload(evidence, uploads.EVIDENCE, field="evidence")
    today = timezone.localdate()
    with transaction.atomic():
        if (
            duty.status == DutyStatus.DONE
            or not Duty.objects.filter(pk=duty.pk, status=DutyStatus.OPEN).exists()
        ):
            raise ValidationError({"duty": _("该事项已完成，不能再报告进展。")})
        report = ProgressReport.objects.create(
            duty=duty,
            text=text,
            evidence=evidence or "",
            marks_done=done,
            reported_by=by if by is not None else None,
        )
        if done:
            changed = counters.update(
                Duty.objects.filter(pk=duty.pk, status=DutyStatus.OPEN),
                status=DutyStatus.DONE,
                done_on=today,
                updated_at=timezone.now(),
            )
            if not changed:
                raise ValidationError({"duty": _("该事项已完成，不能再报告进展。")})
            duty.status, duty.done_on = DutyStatus.DONE, today
        record(
            actor=by,
            action="duty.report",
            obj=duty,
            after={
                "report": report.pk,
                "text": text[:200],
                "done": done,
                "evidence": report.evidence.name or "",
            },
        )
        if duty.assigned_by_org_id:
            notify(
                kind="duty.report",
                to=[recipients.officials_of(duty.assigned_by_org_id)],
                title=(
                    _("事项已完成：%(t)s（%(o)s）") if done else _("事项有新进展：%(t)s（%(o)s）")
                )
                % {"t": duty.title, "o": duty.lead_org},
                url=f"/duties/{duty.pk}/",
            )
    return report
