"""Every change to organizations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import forget_scopes, require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.core.denials import FieldDenied, changed_fields
from wulian.core.validators import normalize_credit_code, normalize_phone, validate_phone
from wulian.orgs.models import Kind, Org, PartyBody, PartyBodyChange
from wulian.orgs.rules import can_change, can_set_field, fields_denied, require_can

if TYPE_CHECKING:
    from collections.abc import Iterable

    from wulian.areas.models import Area

ORG_FIELDS = [
    "name",
    "kind",
    "area",
    "leads",
    "line",
    "party_body",
    "credit_code",
    "address",
    "contact_name",
    "contact_phone",
]


def _audit_view(org: Org) -> dict:
    """The org as the audit trail keeps it: the contact phone masked, never its ciphertext."""
    return snapshot(org, exclude=("contact_phone_encrypted",))


def _validate(org: Org) -> None:
    org.name = (org.name or "").strip()
    org.credit_code = normalize_credit_code(org.credit_code) or None
    errors: dict[str, list[str]] = {}
    # The contact phone follows the people's rule: a mobile or a landline with its area code.
    org.contact_phone = normalize_phone(org.contact_phone or "")
    if org.contact_phone:
        try:
            validate_phone(org.contact_phone)
        except ValidationError as exc:
            errors.setdefault("contact_phone", []).extend(exc.messages)
    if org.line is not None and org.line.kind != Kind.DEPARTMENT:
        errors.setdefault("line", []).append(_("条线部门必须是“条线部门”类别的组织。"))
    if org.leads_id and org.kind != Kind.PARTY_ORG:
        errors.setdefault("leads", []).append(_("只有街道/社区党组织可以领导区域。"))
    if org.leads_id and org.area_id and org.leads_id != org.area_id:
        errors.setdefault("leads", []).append(_("领导区域应与所在区域一致。"))
    try:
        org.full_clean(validate_unique=True)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def create_org(
    *,
    by: User | None,
    name: str,
    kind: str,
    area: Area | None,
    leads: Area | None = None,
    line: Org | None = None,
    party_body: str = PartyBody.BRANCH,
    credit_code: str | None = None,
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> Org:
    require(by, "org.create")
    if area is None:
        raise ValidationError({"area": _("请选择所在区域。")})
    require_area(by, area.path)
    org = Org(
        name=name,
        kind=kind,
        area=area,
        leads=leads,
        line=line,
        party_body=party_body,
        credit_code=credit_code,
        address=address,
        contact_name=contact_name,
    )
    org.contact_phone = contact_phone  # a property that encrypts it: not a field of the constructor
    _validate(org)
    with transaction.atomic():
        try:
            with transaction.atomic(), counters.tracking(org):
                org.save()
        except IntegrityError:
            raise ValidationError({"name": _("组织已存在（名称或信用代码重复）。")}) from None
        record(actor=by, action="org.create", obj=org, after=_audit_view(org))
        if org.kind == Kind.DEPARTMENT and org.line_id:  # the lines above it now reach it
            forget_scopes(department_roles=True)
    return org


def update_org(*, org: Org, by: User | None, **changes: Any) -> Org:
    require(by, "org.update")
    require_can(can_change(by, org), "org out of scope")
    unknown = set(changes) - set(ORG_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    if "party_body" in changes and changes["party_body"] != org.party_body:
        raise ValidationError(
            {"party_body": _("党组织形式的变更请使用“升格/变更党组织”，以便留下记录。")}
        )
    if "credit_code" in changes:
        changes["credit_code"] = normalize_credit_code(changes["credit_code"]) or None
    changed = changed_fields(org, changes)
    denied = fields_denied(by, org, changed)
    if denied:
        raise FieldDenied(denied)
    before = _audit_view(org)
    for field, value in changes.items():
        setattr(org, field, value)
    if "area" in changed:
        require_area(by, org.area.path)
    _validate(org)
    with transaction.atomic():
        try:
            with transaction.atomic(), counters.tracking(org):
                org.save()
        except IntegrityError:
            raise ValidationError({"name": _("组织已存在（名称或信用代码重复）。")}) from None
        record(actor=by, action="org.update", obj=org, before=before, after=_audit_view(org))
        _forget_scopes_of(org, before_kind=before.get("kind"), changed=changed)
    return org


# What the scope of a role held at an org is made of (accounts.selectors.compute_scope).
SCOPE_FIELDS = {"kind", "area", "leads", "line"}


def _forget_scopes_of(org: Org, *, before_kind: str | None, changed: Iterable[str]) -> None:
    """An org moved, re-led, re-kinded or put on another line: its role holders' scopes change,
    and, for a department, every department role's line may."""
    if not SCOPE_FIELDS & set(changed):
        return
    department = Kind.DEPARTMENT in (org.kind, before_kind)
    forget_scopes(org_ids=[org.pk], department_roles=department)


def change_party_body(
    *, org: Org, by: User | None, to_body: str, changed_on: dt.date, document_no: str = ""
) -> PartyBodyChange:
    """Record a change of party body, e.g. 支部 → 总支 → 党委, with its date and document number."""
    require(by, "org.change_body")
    require_can(can_change(by, org), "org out of scope")
    if not can_set_field(by, org, "party_body"):
        raise FieldDenied({"to_body"})
    if to_body not in PartyBody.values:
        raise ValidationError({"to_body": _("未知的党组织形式。")})
    if to_body == org.party_body:
        raise ValidationError({"to_body": _("新形式与当前形式相同。")})
    with transaction.atomic():
        locked = Org.objects.select_for_update().get(pk=org.pk)
        change = PartyBodyChange.objects.create(
            org=locked,
            from_body=locked.party_body,
            to_body=to_body,
            changed_on=changed_on,
            document_no=document_no.strip(),
        )
        counters.update(Org.objects.filter(pk=org.pk), party_body=to_body)
        record(
            actor=by,
            action="org.change_body",
            obj=locked,
            before={"party_body": locked.party_body},
            after={"party_body": to_body, "changed_on": changed_on, "document_no": document_no},
        )
    org.party_body = to_body
    return change
