"""In-app notifications: a new need near me matching my skills; my need claimed, done, rated."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wulian.needs import services
from wulian.needs.models import Need
from wulian.needs.tests.helpers import claimed_hours_ago, huaxi, png, post
from wulian.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _kinds(user, need) -> list[str]:
    return list(
        Notification.objects.filter(user=user, url__contains=f"/needs/{need.pk}/")
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_registered_member_with_a_matching_skill_hears_of_a_new_need_nearby(
    world, django_capture_on_commit_callbacks
):
    member = world.users["member_demo"]  # 王建国: 义诊, 健康讲座, registered in 黉门街社区
    with django_capture_on_commit_callbacks(execute=True):
        match = post(world, title="需要义诊", skills="义诊")
        other = post(world, title="需要维修", skills="维修")
    assert _kinds(member, match) == ["need.nearby"]
    assert _kinds(member, other) == []


def test_resident_hears_claimed_and_done_provider_hears_rated(
    world, django_capture_on_commit_callbacks
):
    resident, unit = world.users["resident_demo"], world.users["huaxi_contact"]
    with django_capture_on_commit_callbacks(execute=True):
        need = post(world, skills="")
        services.claim_need(need=need, by=unit, provider=huaxi(world))
        claimed_hours_ago(need)
        services.fulfil_need(need=need, by=unit, note="完成", hours=1)
        services.confirm_need(need=need, by=resident, score=5)
        services.rate_need(need=need, by=unit, score=5)
    assert _kinds(resident, need) == ["need.claimed", "need.done", "need.rated"]
    assert _kinds(unit, need) == ["need.rated"]


def test_photos_are_checked_for_count_size_and_type(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = Need.objects.count()
    big = SimpleUploadedFile("big.png", b"x" * (5 * 1024 * 1024 + 1))
    cases = [
        ([png(f"{i}.png") for i in range(7)], "最多上传6张照片。"),
        ([big], "文件“big.png”过大（5.0 MB）：不能超过5 MB。"),
        ([SimpleUploadedFile("a.exe", b"MZ")], "文件“a.exe”是可执行文件，不能上传。"),
    ]
    for photos, message in cases:
        with pytest.raises(ValidationError) as exc:
            post(world, photos=photos)
        assert exc.value.message_dict == {"photos": [message]}
    assert Need.objects.count() == before
