"""Councils, their members and sessions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.councils.models import Council, CouncilMember, MemberKind, Session
from wulian.orgs.models import Kind

if TYPE_CHECKING:
    from wulian.orgs.models import Org
    from wulian.people.models import Person


def create_council(*, by: User | None, community: Area, name: str = "") -> Council:
    require(by, "council.create")
    if community is None or community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("居民议事会只能设在社区(村)。")})
    require_area(by, community.path, admin=True)
    with transaction.atomic():
        if Council.objects.filter(community=community).exists():
            raise ValidationError({"community": _("%(c)s已有居民议事会。") % {"c": community.name}})
        council = Council.objects.create(
            community=community, name=(name or "").strip()[:100] or f"{community.name}居民议事会"
        )
        counters.created(council)
        record(actor=by, action="council.create", obj=council, after=snapshot(council))
    return council


def _org_member_error(council: Council, kind: str, org: Org | None) -> str | None:
    """Why the unit or social organization cannot sit on the council, if it cannot."""
    if org is None:
        return _("请选择单位或社会组织。")
    if kind == MemberKind.SOCIAL_ORG and org.kind != Kind.NEW_SOCIAL:
        return _("%(o)s不是社会组织。") % {"o": org.name}
    if kind == MemberKind.UNIT and not org.is_unit:
        return _("%(o)s不是驻区单位。") % {"o": org.name}
    if not org.area.is_within(council.community):
        return _("%(o)s不在%(c)s。") % {"o": org.name, "c": council.community.name}
    return None


def _member_errors(
    council: Council, kind: str, person: Person | None, org: Org | None
) -> dict[str, str]:
    """What is wrong with the member's kind and who fills the seat (a resident, or an org)."""
    if kind not in MemberKind.values:
        return {"kind": _("请选择成员类别。")}
    if kind != MemberKind.RESIDENT:
        error = _org_member_error(council, kind, org)
        return {"org": error} if error else {}
    if person is None:
        return {"person": _("居民代表须选择一位居民。")}
    if not person.home_area.is_within(council.community):
        return {
            "person": _("%(p)s不住在%(c)s，不能担任居民代表。")
            % {"p": person.name, "c": council.community.name}
        }
    return {}


def add_member(
    *,
    by: User | None,
    council: Council,
    kind: str,
    seat: int,
    person: Person | None = None,
    org: Org | None = None,
    title: str = "",
    joined_on: dt.date | None = None,
) -> CouncilMember:
    require(by, "council.manage")
    require_area(by, council.community.path)
    errors = _member_errors(council, kind, person, org)
    if kind == MemberKind.RESIDENT:
        org = None
    elif kind in MemberKind.values:
        person = None
    if not seat or int(seat) < 1:
        errors["seat"] = _("席位号应为正整数。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                member = CouncilMember.objects.create(
                    council=council,
                    kind=kind,
                    person=person,
                    org=org,
                    seat=int(seat),
                    title=(title or "").strip()[:50],
                    joined_on=joined_on,
                )
        except IntegrityError:
            if CouncilMember.objects.filter(council=council, seat=seat).exists():
                raise ValidationError({"seat": _("%(s)s号席位已有成员。") % {"s": seat}}) from None
            raise ValidationError(
                {"person" if person else "org": _("该成员已在议事会中。")}
            ) from None
        record(actor=by, action="council.add_member", obj=member, after=snapshot(member))
    return member


def create_session(
    *,
    by: User | None,
    council: Council,
    title: str,
    held_at: dt.datetime,
    place: str = "",
    notes: str = "",
) -> Session:
    require(by, "council.manage")
    require_area(by, council.community.path)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写会议名称。")})
    if held_at is None:
        raise ValidationError({"held_at": _("请填写会议时间。")})
    with transaction.atomic():
        session = Session.objects.create(
            council=council,
            title=title[:100],
            held_at=held_at,
            place=(place or "").strip()[:200],
            notes=notes or "",
        )
        record(actor=by, action="council.create_session", obj=session, after=snapshot(session))
    return session
