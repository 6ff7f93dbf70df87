"""What people holds about a person (core.personal_data): the record itself, decrypted for its
own subject; the deletion requests; a party member's record is kept by law."""

from django.utils.translation import gettext_lazy as _

from wulian.core.personal_data import register_erasure, register_purge, register_section
from wulian.people.models import ErasureRequest


def _person(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("姓名")): person.name,
            str(_("电话")): person.clear_phone() if person.phone_encrypted else "",
            str(_("身份证号")): person.clear_id_number(),
            str(_("家庭住址")): person.clear_address(),
            str(_("居住区域")): person.home_area.name,
            str(_("党员")): person.is_party_member,
            str(_("所在党组织")): person.party_org.name if person.party_org_id else "",
            str(_("爱好和专长")): person.skills,
            str(_("创建时间")): person.created_at,
            str(_("更新时间")): person.updated_at,
        }
    ]


def _requests(user, person) -> list[dict]:
    if person is None:
        return []
    return [
        {
            str(_("申请时间")): r.created_at,
            str(_("状态")): r.get_status_display(),
            str(_("申请理由")): r.reason,
            str(_("办理意见")): r.decision_note,
            str(_("办结时间")): r.decided_at,
        }
        for r in ErasureRequest.objects.filter(person=person)
    ]


def _retained(person) -> str:
    if person.is_party_member:
        return str(_("党员信息依党内法规（党员档案管理）须保存，请向所在党组织申请"))
    return ""


def _erase(person, by) -> int:
    from wulian.people.services import anonymise_person

    anonymise_person(person)
    return 1


register_section("person", _("个人信息"), _person)
register_section("erasure_requests", _("删除申请"), _requests)
register_erasure("person", retained=_retained, erase=_erase)
register_purge(
    "erasure_requests",
    lambda cutoff: ErasureRequest.objects.filter(
        status__in=["approved", "refused"], decided_at__lt=cutoff
    ),
)
