from wulian.accounts.models import User


def test_system_admin_resets_a_password_and_a_weak_one_is_refused(world, client, login):
    login("system_admin")
    staff = world.users["xihuamen_staff"]
    old_hash = User.objects.get(pk=staff.pk).password
    response = client.post(
        f"/accounts/users/{staff.pk}/password/", {"password": "abcdefgh"}, follow=True
    )
    assert "密码须包含" in response.content.decode()
    assert User.objects.get(pk=staff.pk).password == old_hash
    client.post(f"/accounts/users/{staff.pk}/password/", {"password": "Neu-Passw0rt"})
    assert User.objects.get(pk=staff.pk).check_password("Neu-Passw0rt")
