"""Phone and ID number: encrypted at rest, found by the blind index, shown masked, revealed in
full only by an area admin through the audited reveal action."""

from django.db import connection
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.people.models import Person
from wulian.people.selectors import visible_people
from wulian.people.services import create_person
from wulian.web.demo import XIHUAMEN, id_number

PHONE = "13912345678"
ID_NUMBER = id_number("510105", "19880808", 321)


def _person(world) -> Person:
    return create_person(
        by=world.users["xihuamen_admin"],
        name="林青",
        phone=PHONE,
        id_number=ID_NUMBER,
        home_area=world.areas[XIHUAMEN],
    )


def test_phone_and_id_number_are_stored_encrypted(world):
    person = _person(world)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Person._meta.db_table} WHERE id = %s", [person.pk])  # noqa: S608 (the model's own table name; values are parameters)
        row = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute(
            f"SELECT phone_encrypted, id_number_encrypted FROM {Person._meta.db_table} WHERE id = %s",  # noqa: S608 (the model's own table name; values are parameters)
            [person.pk],
        )
        phone_cipher, id_cipher = cursor.fetchone()
    assert PHONE not in row
    assert ID_NUMBER not in row
    assert ID_NUMBER[6:14] not in row  # not even the birth date
    assert phone_cipher.startswith("sm4gcm2:1:")
    assert id_cipher.startswith("sm4gcm2:1:")
    assert (person.phone_masked, person.id_number_masked) == (
        "139****5678",
        ID_NUMBER[:6] + "********" + ID_NUMBER[-4:],
    )
    assert (person.clear_phone(), person.clear_id_number()) == (PHONE, ID_NUMBER)


def test_audit_trail_keeps_no_clear_personal_data(world):
    person = _person(world)
    entry = AuditEntry.objects.get(action="person.create", object_id=str(person.pk))
    text = str(entry.after)
    assert PHONE not in text
    assert ID_NUMBER not in text
    assert entry.after["phone_masked"] == "139****5678"


def test_full_phone_and_id_number_find_the_person_through_the_blind_index(world):
    person = _person(world)
    admin = world.users["xihuamen_admin"]
    assert list(visible_people(admin).search(q=PHONE)) == [person]
    assert list(visible_people(admin).search(q=ID_NUMBER.lower())) == [person]
    assert list(visible_people(admin).search(q=PHONE[:7])) == []  # no partial match on a cipher


def test_list_page_and_api_show_masked_values_only(world, login, client):
    person = _person(world)
    login("xihuamen_admin")
    page = client.post(reverse("people:list"), {"q": PHONE})  # the search echoes what was typed
    assert [p.pk for p in page.context["page_obj"]] == [person.pk]
    page = client.get(reverse("people:list"), {"q": "林青"})
    assert [p.pk for p in page.context["page_obj"]] == [person.pk]
    html = page.content.decode()
    assert "139****5678" in html
    assert PHONE not in html
    assert ID_NUMBER not in html
    from wulian.accounts.services import create_token

    token = create_token(user=world.users["xihuamen_admin"], by=None)
    response = client.get(
        reverse("api:person_detail", kwargs={"pk": person.pk}), HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    body = response.content.decode()
    assert (response.json()["phone"], response.json()["id_number"]) == (
        "139****5678",
        person.id_number_masked,
    )
    assert PHONE not in body
    assert ID_NUMBER not in body


def test_admin_reveals_the_phone_and_the_reveal_is_audited(world, login, client):
    person = _person(world)
    admin = login("xihuamen_admin")
    last = AuditEntry.objects.order_by("-id").first().pk
    response = client.post(reverse("people:reveal", kwargs={"pk": person.pk, "field": "phone"}))
    assert response.status_code == 200
    assert (
        response.content.decode()
        == f'<span class="font-monospace" id="revealed-phone">{PHONE}</span>'
    )
    assert list(
        AuditEntry.objects.filter(pk__gt=last).values_list(
            "action", "actor_id", "object_id", "channel"
        )
    ) == [
        ("person.reveal_phone", admin.pk, str(person.pk), "page"),
    ]


def test_staff_cannot_reveal(world, login, client):
    person = _person(world)
    login("xihuamen_staff")
    last = AuditEntry.objects.order_by("-id").first().pk
    for field in ("phone", "id_number"):
        response = client.post(reverse("people:reveal", kwargs={"pk": person.pk, "field": field}))
        assert response.status_code == 403
        assert PHONE.encode() not in response.content
    assert AuditEntry.objects.filter(pk__gt=last).count() == 0
