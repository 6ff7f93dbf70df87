"""扫码签到 for activities: the person is recorded (not the account's label), once, and the
attendance figure is the number of sign-ins."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from wulian.accounts.models import User
from wulian.activities import selectors, services
from wulian.activities.models import SignIn

pytestmark = pytest.mark.django_db


def _attendance(world, activity) -> int:
    return (
        selectors.visible_activities(world.users["hongmenjie_admin"]).get(pk=activity.pk).attendance
    )


def test_a_scan_records_the_accounts_person_not_its_label(world, activity):
    signin, created = services.checkin(
        token=services.checkin_token(activity), by=world.users["member_demo"]
    )
    assert (created, signin.person, signin.name, signin.via) == (
        True,
        world.people["wang_jianguo"],
        "王建国",
        "qr",
    )
    assert _attendance(world, activity) == 1


def test_a_second_scan_changes_nothing(world, activity):
    token = services.checkin_token(activity)
    first, _ = services.checkin(token=token, by=world.users["member_demo"])
    again, created = services.checkin(token=token, by=world.users["member_demo"])
    assert (again.pk, created) == (first.pk, False)
    assert _attendance(world, activity) == 1


def test_the_same_person_on_a_sheet_is_refused(world, activity):
    services.checkin(token=services.checkin_token(activity), by=world.users["member_demo"])
    with pytest.raises(ValidationError) as exc:
        services.record_signin(
            by=world.users["hongmenjie_admin"],
            activity=activity,
            name="",
            person=world.people["wang_jianguo"],
        )
    assert exc.value.message_dict == {"name": ["王建国已签到，不能重复签到。"]}
    assert list(activity.signins.values_list("name", flat=True)) == ["王建国"]


def test_the_database_refuses_a_person_twice(world, activity):
    SignIn.objects.create(activity=activity, person=world.people["zheng_wei"], name="郑伟")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignIn.objects.create(
            activity=activity, person=world.people["zheng_wei"], name="郑伟（重复）"
        )
    assert activity.signins.count() == 1


def test_an_account_without_a_person_names_who_came(world, activity):
    token = services.checkin_token(activity)
    contact = world.users["huaxi_contact"]
    with pytest.raises(ValidationError) as exc:
        services.checkin(token=token, by=contact)
    assert exc.value.message_dict == {"name": ["您的账号未关联人员信息，请填写签到人姓名。"]}
    signin, created = services.checkin(token=token, by=contact, name="刘医生")
    assert (signin.person, signin.name, created) == (None, "刘医生", True)
    assert _attendance(world, activity) == 1


def test_signing_in_closes_after_the_grace_period(world, activity, settings):
    settings.WULIAN_ACTIVITY_CHECKIN_GRACE_MINUTES = 30
    late = activity.ends_at + dt.timedelta(minutes=31)
    with pytest.raises(ValidationError) as exc:
        services.checkin(
            token=services.checkin_token(activity), by=world.users["member_demo"], now=late
        )
    closes = activity.ends_at + dt.timedelta(minutes=30)
    from django.utils import timezone

    assert exc.value.message_dict == {
        "token": [f"签到已于{timezone.localtime(closes):%Y-%m-%d %H:%M}结束。"]
    }
    with pytest.raises(ValidationError):
        services.record_signin(
            by=world.users["hongmenjie_admin"], activity=activity, name="张三", now=late
        )
    assert activity.signins.count() == 0
    services.checkin(
        token=services.checkin_token(activity),
        by=world.users["member_demo"],
        now=activity.ends_at + dt.timedelta(minutes=29),
    )
    assert activity.signins.count() == 1


def test_the_checkin_page_signs_in_once_and_says_so(world, activity, client):
    client.force_login(User.objects.get(username="resident_demo"))
    url = reverse("activities:checkin", kwargs={"token": services.checkin_token(activity)})
    assert "签到成功：李秀英" in client.get(url).content.decode()
    assert "您已签到，无需重复签到：李秀英" in client.get(url).content.decode()
    assert activity.signins.count() == 1


def test_the_list_shows_the_counted_attendance(world, activity, client):
    services.checkin(token=services.checkin_token(activity), by=world.users["member_demo"])
    services.checkin(token=services.checkin_token(activity), by=world.users["resident_demo"])
    client.force_login(world.users["hongmenjie_admin"])
    page = client.get(reverse("activities:list"), {"q": "健康讲座"}).content.decode()
    assert '<td class="attendance">2</td>' in page
