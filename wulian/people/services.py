"""Every change to people, and the audited reveal of their personal fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.accounts.services import forget_scopes, require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.core.crypto import blind_index, encrypt_field
from wulian.core.validators import (
    mask_address,
    mask_id_number,
    mask_phone,
    normalize_address,
    normalize_id_number,
    normalize_phone,
    validate_id_number,
    validate_phone,
)
from wulian.people.models import ErasureRequest, Person

if TYPE_CHECKING:
    from wulian.areas.models import Area
    from wulian.orgs.models import Org

PERSON_FIELDS = [
    "name",
    "phone",
    "id_number",
    "is_party_member",
    "party_org",
    "skills",
    "home_area",
    "address",
]
_SECRET_FIELDS = (
    "phone_encrypted",
    "phone_index",
    "id_number_encrypted",
    "id_number_index",
    "address_encrypted",
    "household_index",
)


def _audit_view(person: Person) -> dict[str, Any]:
    """What the audit trail keeps of a person: masked values only, never clear personal data."""
    return snapshot(person, exclude=_SECRET_FIELDS)


Errors = dict[str, list[str]]


def _apply_name(person: Person, data: dict[str, Any], errors: Errors) -> None:
    if "name" not in data:
        return
    person.name = (data["name"] or "").strip()
    if not person.name:
        errors["name"] = [_("请填写姓名。")]
    elif len(person.name) > 50:
        errors["name"] = [_("姓名不能超过50个字（当前%(n)d个）。") % {"n": len(person.name)}]


def _apply_phone(person: Person, data: dict[str, Any], errors: Errors) -> None:
    if "phone" not in data:
        return
    phone = normalize_phone(data["phone"] or "")
    if not phone:
        errors["phone"] = [_("请填写电话。")]
        return
    try:
        validate_phone(phone)
        person.phone_encrypted = encrypt_field(phone)
        person.phone_index = blind_index(phone, purpose="phone")
        person.phone_masked = mask_phone(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages


def _apply_id_number(person: Person, data: dict[str, Any], errors: Errors) -> None:
    if "id_number" not in data:
        return
    number = normalize_id_number(data["id_number"] or "")
    if not number:
        person.id_number_encrypted, person.id_number_index, person.id_number_masked = "", None, ""
        return
    try:
        validate_id_number(number)
        person.id_number_encrypted = encrypt_field(number)
        person.id_number_index = blind_index(number, purpose="id_number")
        person.id_number_masked = mask_id_number(number)
    except ValidationError as exc:
        errors["id_number"] = exc.messages


def _apply_plain(person: Person, data: dict[str, Any], errors: Errors) -> None:
    for field in ("is_party_member", "party_org", "home_area"):
        if field in data:
            setattr(person, field, data[field])
    if "skills" in data:
        person.skills = (data["skills"] or "").strip()
        if len(person.skills) > 200:
            errors["skills"] = [_("爱好和专长不能超过200个字。")]


def _apply_address(person: Person, data: dict[str, Any], errors: Errors) -> None:
    if "address" not in data:
        return
    address = normalize_address(data["address"] or "")
    if len(address) > 100:
        errors["address"] = [_("家庭住址不能超过100个字（当前%(n)d个）。") % {"n": len(address)}]
    else:
        person.address_encrypted = encrypt_field(address) if address else ""
        person.address_masked = mask_address(address) if address else ""


def _check_whole(person: Person, errors: Errors) -> None:
    """Rules over several fields: a home area, the household key, party org, a unique ID number."""
    if person.home_area_id is None:
        errors["home_area"] = [_("请选择居住区域。")]
    elif person.address_encrypted and "address" not in errors:
        # One household: the same address in the same home area (kept in step with both).
        person.household_index = blind_index(
            f"{person.home_area.code}|{person.clear_address()}", purpose="household"
        )
    else:
        person.household_index = ""
    if person.party_org_id and not person.is_party_member:
        errors["party_org"] = [_("只有党员才能填写所在党组织。")]
    if person.id_number_index and "id_number" not in errors:
        clash = Person.objects.filter(id_number_index=person.id_number_index).exclude(pk=person.pk)
        if clash.exists():
            errors["id_number"] = [_("该身份证号已登记。")]


def _apply(person: Person, data: dict[str, Any]) -> None:
    errors: Errors = {}
    for step in (_apply_name, _apply_phone, _apply_id_number, _apply_plain, _apply_address):
        step(person, data, errors)
    _check_whole(person, errors)
    if errors:
        raise ValidationError(errors)


def create_person(
    *,
    by: User | None,
    name: str,
    phone: str,
    home_area: Area | None,
    id_number: str = "",
    is_party_member: bool = False,
    party_org: Org | None = None,
    skills: str = "",
    address: str = "",
) -> Person:
    require(by, "person.create")
    if home_area is not None:
        require_area(by, home_area.path)
    person = Person()
    _apply(
        person,
        {
            "name": name,
            "phone": phone,
            "id_number": id_number,
            "is_party_member": is_party_member,
            "party_org": party_org,
            "skills": skills,
            "home_area": home_area,
            "address": address,
        },
    )
    if not person.id_number_index:
        # No ID number to recognise them by: the same name and phone is the same person.
        same = Person.objects.filter(name=person.name, phone_index=person.phone_index).first()
        if same is not None:
            raise ValidationError(
                {
                    "name": _("已有姓名和电话相同的人员“%(n)s”（%(p)s），不重复登记。")
                    % {"n": same.name, "p": same.phone_masked}
                }
            )
    with transaction.atomic():
        try:
            with transaction.atomic(), counters.tracking(person):
                person.save()
        except IntegrityError:
            raise ValidationError({"id_number": _("该身份证号已登记。")}) from None
        record(actor=by, action="person.create", obj=person, after=_audit_view(person))
    return person


def update_person(*, person: Person, by: User | None, **changes: Any) -> Person:
    require(by, "person.update")
    require_area(by, person.home_area.path)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    before = _audit_view(person)
    _apply(person, changes)
    if "home_area" in changes:
        require_area(by, person.home_area.path)
    with transaction.atomic():
        try:
            with transaction.atomic(), counters.tracking(person):
                person.save()
        except IntegrityError:
            raise ValidationError({"id_number": _("该身份证号已登记。")}) from None
        record(
            actor=by, action="person.update", obj=person, before=before, after=_audit_view(person)
        )
        if person.home_area_id != before.get(
            "home_area_id"
        ):  # the account's home area is in its scope
            forget_scopes(person_ids=[person.pk])
    return person


def import_person(*, by: User | None, **values: Any) -> Person | None:
    """One import row (``people.importers``): a new person, or the registered one it names (same
    ID number and name, or no ID number and the same name and phone) updated to it (``None``:
    nothing changes). An ID number under another name stays refused; a row without one never
    erases it; a person outside the importer's scope is never compared (the row is someone new)."""
    same = _registered_as(values)
    if same is not None and by is not None and not scope_for(by).covers_path(same.home_area.path):
        same = None  # no answer tells what they hold; a registered ID number stays refused
    if same is None:
        return create_person(by=by, **values)
    require(by, "person.update")
    changes = {k: v for k, v in values.items() if not _holds(same, k, v)}
    if not normalize_id_number(values.get("id_number") or ""):
        changes.pop("id_number", None)
    if not changes:
        return None
    return update_person(person=same, by=by, **changes)


def _registered_as(values: dict[str, Any]) -> Person | None:
    name = (values.get("name") or "").strip()
    number = normalize_id_number(values.get("id_number") or "")
    if number:
        index = blind_index(number, purpose="id_number")
        return Person.objects.filter(id_number_index=index, name=name).first()
    phone = normalize_phone(values.get("phone") or "")
    if not (name and phone):
        return None
    return Person.objects.filter(name=name, phone_index=blind_index(phone, purpose="phone")).first()


def _holds(person: Person, field: str, value: Any) -> bool:
    """Whether ``person`` already holds ``value`` for ``field``, as ``_apply`` would store it."""
    held = {
        "name": lambda: person.name == (value or "").strip(),
        "phone": lambda: (
            person.phone_index == blind_index(normalize_phone(value or ""), purpose="phone")
        ),
        "id_number": lambda: person.clear_id_number() == normalize_id_number(value or ""),
        "skills": lambda: person.skills == (value or "").strip(),
        "address": lambda: person.clear_address() == normalize_address(value or ""),
        "party_org": lambda: person.party_org_id == getattr(value, "pk", None),
        "home_area": lambda: person.home_area_id == getattr(value, "pk", None),
    }.get(field, lambda: getattr(person, field) == value)
    return held()


def reveal_person_field(*, person: Person, field: str, by: User | None) -> str:
    """Show one personal field in full to an authorized admin; every reveal is audited."""
    require(by, "person.reveal")
    require_area(by, person.home_area.path, admin=True)
    if field not in ("phone", "id_number", "address"):
        raise ValidationError({"field": _("只能查看电话、身份证号或家庭住址。")})
    value = {
        "phone": person.clear_phone,
        "id_number": person.clear_id_number,
        "address": person.clear_address,
    }[field]()
    with transaction.atomic():
        record(actor=by, action=f"person.reveal_{field}", obj=person)
    return value


# --- Personal data rights (PIPL art. 47): deletion requests ---------------------------------------

ERASED_NAME = "已注销居民"


def request_erasure(*, by: User, reason: str = "") -> ErasureRequest:
    """A user asks for their personal data to be deleted: one open request per person, decided by
    the community staff of the person's home area. Audited."""
    from wulian.people.models import ErasureStatus

    require(by, "erasure.request")
    person = by.person if by.person_id else None
    if person is None:
        raise ValidationError(_("您的账号没有对应的居民信息，请联系社区工作人员。"))
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise ValidationError(
            {"reason": _("申请理由不能超过500个字（当前%(n)d个）。") % {"n": len(reason)}}
        )
    with transaction.atomic():
        if ErasureRequest.objects.filter(person=person, status=ErasureStatus.PENDING).exists():
            raise ValidationError(_("您已有一份待处理的删除申请。"))
        try:
            with transaction.atomic():
                request = ErasureRequest.objects.create(
                    person=person, area=person.home_area, requested_by=by, reason=reason
                )
        except IntegrityError:
            raise ValidationError(_("您已有一份待处理的删除申请。")) from None
        record(
            actor=by,
            action="erasure.request",
            obj=request,
            after={"person": person.pk, "area": person.home_area.code},
        )
    return request


def decide_erasure(
    *, erasure: ErasureRequest, by: User | None, approve: bool, note: str = ""
) -> ErasureRequest:
    """Community staff of the person's home area decide a deletion erasure.

    Approval anonymises the person where no statutory retention holds (every app's
    ``personal_data.py`` is asked, ``core.personal_data.retention_reasons``): name → 已注销居民,
    phone, ID number and address cleared with their blind indexes, the account disabled and
    cleared; the records the apps must keep (cases, agreements…) stay, detached from anyone.
    When a retention holds, approval is refused with its reasons and nothing changes. A refusal
    needs a note. Audited either way (masked values only)."""
    from wulian.core import personal_data
    from wulian.people.models import ErasureStatus

    require(by, "erasure.decide")
    require_area(by, erasure.area.path)
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError(
            {"note": _("办理意见不能超过500个字（当前%(n)d个）。") % {"n": len(note)}}
        )
    with transaction.atomic():
        erasure = (
            ErasureRequest.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=erasure.pk)
        )
        if erasure.status != ErasureStatus.PENDING:
            raise ValidationError(_("该申请已办结。"))
        person = erasure.person
        if approve:
            reasons = personal_data.retention_reasons(person)
            if reasons:
                raise ValidationError(_("依法须保留，不能删除：%(r)s") % {"r": "；".join(reasons)})
            before = _audit_view(person)
            erased = personal_data.erase_everywhere(person, by)
            erasure.status = ErasureStatus.APPROVED
            erasure.decision_note = note
        else:
            if not note:
                raise ValidationError({"note": _("不予删除时请写明理由（如法定保存义务）。")})
            erasure.status = ErasureStatus.REFUSED
            erasure.decision_note = note
        erasure.decided_by = by
        erasure.decided_at = timezone.now()
        erasure.reason = "" if approve else erasure.reason
        erasure.save(
            update_fields=["status", "decision_note", "decided_by", "decided_at", "reason"]
        )
        if approve:
            record(
                actor=by,
                action="erasure.approve",
                obj=erasure,
                before=before,
                after={"person": person.pk, "erased": erased},
            )
        else:
            record(actor=by, action="erasure.refuse", obj=erasure, after={"note": note})
    return erasure


def anonymise_person(person: Person) -> None:
    """Clear what identifies the person (kept: the row, its home area and party flag, so that the
    records the apps keep still add up). Called by people's erasure (personal_data.py)."""
    person.name = ERASED_NAME
    person.phone_encrypted, person.phone_index, person.phone_masked = "", "", ""
    person.id_number_encrypted, person.id_number_index, person.id_number_masked = "", None, ""
    person.address_encrypted, person.address_masked, person.household_index = "", "", ""
    person.skills = ""
    with counters.tracking(person):
        person.save()
