"""Community staff verify or refuse the sign-ups of their community (audited); staff of another
community do not see them."""

from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.phone import check_code, request_code, sign_up
from wulian.audit.models import AuditEntry
from wulian.people.models import Person
from wulian.web.testing import assert_flat_queries, query_guard

PASSWORD = "Neu-Passw0rt"


def _pending(outbox, phone: str, name: str = "新居民") -> User:
    request_code(phone=phone, purpose="signup", ip=f"198.51.100.{int(phone[-2:])}")
    return sign_up(
        phone=phone, code=outbox.code(phone), name=name, community="黉门街社区", password=PASSWORD
    )


def test_staff_verify_a_sign_up_and_the_account_becomes_a_resident(world, client, login, outbox):
    user = _pending(outbox, "13990005678")
    login("hongmenjie_admin")
    assert "新居民" in client.get(reverse("accounts:signup_list")).content.decode()
    response = client.post(reverse("accounts:signup_verify", args=[user.pk]))
    assert response.status_code == 302
    user.refresh_from_db()
    person = Person.objects.get(pk=user.person_id)
    assert (user.signup_status, person.name, person.home_area.name, person.phone_masked) == (
        "",
        "新居民",
        "黉门街社区",
        "139****5678",
    )
    assert list(user.roles.values_list("kind", "org_id")) == [
        (RoleKind.RESIDENT, world.orgs["hongmenjie"].pk)
    ]
    assert list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:3]) == [
        "signup.verify",
        "role.grant",
        "person.create",
    ]


def test_staff_refuse_a_sign_up_with_a_reason_and_the_account_is_disabled(
    world, client, login, outbox
):
    user = _pending(outbox, "13990005678")
    login("hongmenjie_admin")
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("accounts:signup_refuse", args=[user.pk]), {"reason": ""}, follow=True
    )
    assert "请填写不通过的原因。" in response.content.decode()
    assert AuditEntry.objects.count() == before
    client.post(reverse("accounts:signup_refuse", args=[user.pk]), {"reason": "查无此人"})
    user.refresh_from_db()
    assert (user.signup_status, user.is_active) == ("refused", False)
    assert AuditEntry.objects.order_by("-id").first().after == {"reason": "查无此人"}


def test_staff_of_another_community_neither_see_nor_verify(world, client, login, outbox):
    user = _pending(outbox, "13990005678")
    login("xihuamen_admin")
    assert "新居民" not in client.get(reverse("accounts:signup_list")).content.decode()
    before = AuditEntry.objects.count()
    assert client.post(reverse("accounts:signup_verify", args=[user.pk])).status_code == 404
    user.refresh_from_db()
    assert (user.signup_status, AuditEntry.objects.count()) == ("pending", before)


def test_a_verified_sign_up_cannot_be_verified_twice(world, client, login, outbox):
    user = _pending(outbox, "13990005678")
    login("hongmenjie_admin")
    client.post(reverse("accounts:signup_verify", args=[user.pk]))
    assert client.post(reverse("accounts:signup_verify", args=[user.pk])).status_code == 404
    assert Person.objects.filter(name="新居民").count() == 1


@query_guard("accounts:signup_list")
def test_signup_list_query_count_does_not_grow(world, client, login, outbox):
    login("hongmenjie_admin")
    _pending(outbox, "13990005601")
    assert_flat_queries(
        client,
        reverse("accounts:signup_list"),
        lambda: [_pending(outbox, f"139900056{i:02d}") for i in (2, 3, 4)],
        grows_by=3,
    )


def test_check_code_is_used_by_sign_up(world, outbox):
    """Sign-up uses up its code: a second sign-up with it is refused."""
    _pending(outbox, "13990005678")
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        check_code(phone="13990005678", purpose="signup", code=outbox.code("13990005678"))
