"""Who may set which field of an organisation (issue 16, defect 7): a unit contact edits its
contact details, never its kind, area, line or name; staff may not reclassify the org they work
for; the level above may. Refusals are 403 (API) or a message on the field (pages), nothing written."""

import json

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.orgs.models import Org


def _patch(client, world, username, org, body):
    token = create_token(user=world.users[username], by=None)
    return client.patch(
        reverse("api:org_update", kwargs={"pk": org.pk}),
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _row(org):
    return (
        Org.objects.filter(pk=org.pk)
        .values("name", "kind", "area_id", "line_id", "contact_name")
        .get()
    )


def test_unit_contact_cannot_reclassify_its_own_org(world, client):
    huaxi = world.orgs["huaxi"]
    before, entries = _row(huaxi), AuditEntry.objects.filter(action__startswith="org.").count()
    response = _patch(client, world, "huaxi_contact", huaxi, {"kind": "governance_committee"})
    assert response.status_code == 403
    assert response.json() == {
        "message": "您无权修改这些字段：kind。",
        "errors": {"kind": ["您无权修改此字段。"]},
    }
    for body in ({"name": "华西"}, {"credit_code": None}):
        assert _patch(client, world, "huaxi_contact", huaxi, body).status_code == 403
    assert (_row(huaxi), AuditEntry.objects.filter(action__startswith="org.").count()) == (
        before,
        entries,
    )


def test_unit_contact_sets_contact_fields_and_may_resend_unchanged_ones(world, client):
    huaxi = world.orgs["huaxi"]
    response = _patch(
        client,
        world,
        "huaxi_contact",
        huaxi,
        {"contact_name": "李医生", "kind": huaxi.kind, "name": huaxi.name},
    )
    assert response.status_code == 200
    assert Org.objects.get(pk=huaxi.pk).contact_name == "李医生"


def test_staff_cannot_reclassify_the_org_they_work_for_but_the_level_above_can(world, client):
    xihuamen = world.orgs["xihuamen"]  # 西华门社区党委, led by xihuamen_admin's role
    before = _row(xihuamen)
    assert (
        _patch(client, world, "xihuamen_admin", xihuamen, {"kind": "new_social"}).status_code == 403
    )
    assert _row(xihuamen) == before
    assert (
        _patch(client, world, "xihuamen_admin", xihuamen, {"contact_name": "王书记"}).status_code
        == 200
    )
    response = _patch(client, world, "xiyuhe_admin", xihuamen, {"name": "西华门社区党委会"})
    assert (response.status_code, response.json()["name"]) == (200, "西华门社区党委会")


def test_community_staff_reclassify_a_unit_in_their_community(world, client):
    library = world.orgs["library"]
    response = _patch(client, world, "xihuamen_admin", library, {"kind": "public_institution"})
    assert (response.status_code, response.json()["kind"]) == (200, "public_institution")


def test_edit_page_locks_the_fields_the_user_may_not_set(world, client, login):
    huaxi = world.orgs["huaxi"]
    login("huaxi_contact")
    url = reverse("orgs:edit", args=[huaxi.pk])
    form = client.get(url).context["form"]
    assert sorted(n for n, f in form.fields.items() if f.disabled) == [
        "area",
        "credit_code",
        "kind",
        "line",
        "name",
    ]
    before = _row(huaxi)
    response = client.post(
        url,
        {
            "name": "华西",
            "kind": "governance_committee",
            "area": huaxi.area.code,
            "credit_code": "",
            "address": huaxi.address,
            "contact_name": "李医生",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    assert _row(huaxi) == {**before, "contact_name": "李医生"}


def test_party_body_changes_only_from_the_level_above(world, client, login):
    login("xihuamen_admin")
    xihuamen = world.orgs["xihuamen"]
    response = client.post(
        reverse("orgs:change_body", args=[xihuamen.pk]),
        {"to_body": "general_branch", "changed_on": "2026-01-05"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"to_body": ["您无权修改此字段。"]}
    assert Org.objects.get(pk=xihuamen.pk).party_body == xihuamen.party_body
