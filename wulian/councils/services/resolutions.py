"""A topic resolved, and its resolution turned into a fund project or a meeting's action item."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record, snapshot
from wulian.councils.models import Outcome, Resolution, Topic, TopicStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wulian.funds.models import Allocation
    from wulian.meetings.models import Decision
    from wulian.orgs.models import Org


def resolve_topic(
    *, by: User | None, topic: Topic, text: str, decided_on: dt.date | None = None
) -> Resolution:
    require(by, "council.manage")
    require_area(by, topic.council.community.path)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写决议内容。")})
    if topic.status != TopicStatus.CLOSED or topic.outcome != Outcome.PASSED:
        raise ValidationError({"text": _("只有表决通过的议题才能形成决议。")})
    with transaction.atomic():
        if Resolution.objects.filter(topic=topic).exists():
            raise ValidationError({"text": _("该议题已形成决议。")})
        resolution = Resolution.objects.create(
            topic=topic, text=text, created_by=by, decided_on=decided_on or timezone.localdate()
        )
        record(actor=by, action="council.resolve", obj=resolution, after=snapshot(resolution))
    return resolution


def resolution_to_project(
    *,
    by: User | None,
    resolution: Resolution,
    allocation: Allocation | None,
    name: str,
    category: str,
    budget: object,
    beneficiaries: int = 0,
) -> Resolution:
    """Turn a resolution into a project (funds app) paid from an allocation to this community."""
    from wulian.funds import services as fund_services

    require(by, "council.manage")
    require_area(by, resolution.topic.council.community.path)
    if resolution.project_id:
        raise ValidationError({"allocation": _("该决议已转为项目。")})
    if allocation is None or allocation.community_id != resolution.topic.council.community_id:
        raise ValidationError({"allocation": _("请选择拨付给本社区的资金。")})
    with transaction.atomic():
        project = fund_services.create_project(
            by=by,
            allocation=allocation,
            name=name,
            category=category,
            budget=budget,
            beneficiaries=beneficiaries,
            description=resolution.text,
        )
        changed = Resolution.objects.filter(pk=resolution.pk, project__isnull=True).update(
            project=project
        )
        if not changed:
            raise ValidationError({"allocation": _("该决议已转为项目。")})
        resolution.project = project
        record(
            actor=by,
            action="council.resolution_to_project",
            obj=resolution,
            after={"project": project.pk},
        )
    return resolution


def resolution_to_action_item(
    *,
    by: User | None,
    resolution: Resolution,
    decision: Decision | None,
    lead_org: Org | None,
    responsible: str,
    due_on: dt.date | None,
    done_criteria: str,
    co_orgs: Sequence[Org] = (),
    title: str = "",
) -> Resolution:
    """Carry a resolution into the 督办 of a joint meeting (meetings app): the action item hangs
    on a decision of a closed joint meeting at the council's community or a level above, and is
    followed there until accepted."""
    try:
        from wulian.meetings import services as meeting_services
    except ImportError:
        raise ValidationError({"decision": _("督办功能（联席会议）未安装。")}) from None
    require(by, "council.manage")
    community = resolution.topic.council.community
    require_area(by, community.path)
    if resolution.action_item_id:
        raise ValidationError({"decision": _("该决议已转为督办事项。")})
    if decision is None:
        raise ValidationError({"decision": _("请选择一次联席会议的议定事项。")})
    if not community.path.startswith(decision.meeting.area.path):
        raise ValidationError({"decision": _("该联席会议不在本社区或其上级区域召开。")})
    with transaction.atomic():
        item = meeting_services.add_action_item(
            decision=decision,
            by=by,
            lead_org=lead_org,
            responsible=responsible,
            due_on=due_on,
            done_criteria=done_criteria,
            co_orgs=co_orgs,
            title=(title or resolution.topic.title)[:200],
        )
        changed = Resolution.objects.filter(pk=resolution.pk, action_item_id__isnull=True).update(
            action_item_id=item.pk
        )
        if not changed:
            raise ValidationError({"decision": _("该决议已转为督办事项。")})
        resolution.action_item_id = item.pk
        record(
            actor=by,
            action="council.resolution_to_action_item",
            obj=resolution,
            after={"action_item": item.pk},
        )
    return resolution
