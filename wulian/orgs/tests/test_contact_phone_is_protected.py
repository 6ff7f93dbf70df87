"""An org's contact phone is stored SM4-encrypted, kept masked in the audit trail and exports, and
shown in clear only to those who may set it (issue 16, defect 9)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.orgs import services
from wulian.orgs.models import Org
from wulian.orgs.rules import can_see_contact_phone

PHONE = "13880002006"  # 华西医院's contact in the demo


def test_stored_encrypted_and_read_back(world):
    huaxi = Org.objects.get(pk=world.orgs["huaxi"].pk)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Org._meta.db_table} WHERE id = %s", [huaxi.pk])  # noqa: S608 (the model's own table name; values are parameters)
        raw = " ".join(str(v) for v in cursor.fetchone())
    assert PHONE not in raw
    assert huaxi.contact_phone_encrypted.startswith("sm4gcm2:")
    assert (huaxi.contact_phone, huaxi.contact_phone_masked) == (PHONE, "138****2006")


def test_audit_trail_keeps_the_masked_phone_only(world):
    huaxi = world.orgs["huaxi"]
    services.update_org(org=huaxi, by=world.users["huaxi_contact"], contact_phone="13900001234")
    entry = AuditEntry.objects.filter(action="org.update").order_by("-id").first()
    text = json.dumps([entry.before, entry.after], ensure_ascii=False)
    assert "13900001234" not in text
    assert PHONE not in text
    assert "sm4gcm" not in text
    assert (entry.before["contact_phone_masked"], entry.after["contact_phone_masked"]) == (
        "138****2006",
        "139****1234",
    )
    assert Org.objects.get(pk=huaxi.pk).contact_phone == "13900001234"


def test_a_bad_phone_is_refused_naming_the_field(world):
    huaxi = world.orgs["huaxi"]
    with pytest.raises(ValidationError) as exc:
        services.update_org(org=huaxi, by=world.users["huaxi_contact"], contact_phone="12ab")
    assert exc.value.message_dict == {
        "contact_phone": ["电话号码“12ab”格式不正确：应为11位手机号或带区号的固定电话。"]
    }
    assert Org.objects.get(pk=huaxi.pk).contact_phone == PHONE


def test_api_shows_it_in_clear_only_to_those_who_may_set_it(world, client):
    huaxi = world.orgs["huaxi"]
    token = create_token(user=world.users["huaxi_contact"], by=None)
    body = client.get(
        reverse("api:org_detail", kwargs={"pk": huaxi.pk}), HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert body["contact_phone"] == PHONE
    assert can_see_contact_phone(world.users["hongmenjie_admin"], huaxi)  # the community above
    assert not can_see_contact_phone(world.users["xihuamen_admin"], huaxi)
    assert not can_see_contact_phone(world.users["library_contact"], huaxi)
