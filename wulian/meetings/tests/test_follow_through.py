import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wulian.audit.models import AuditEntry
from wulian.meetings import services
from wulian.meetings.models import ActionEvent, ActionItem, ActionStatus


@pytest.fixture
def item(closed_meeting):
    return ActionItem.objects.get(decision__meeting=closed_meeting)


def _state(item):
    row = ActionItem.objects.get(pk=item.pk)
    return (
        row.status,
        row.accepted_at,
        ActionEvent.objects.filter(item=item).count(),
        AuditEntry.objects.count(),
    )


def test_the_lead_reports_progress_with_evidence(world, item, pm_contact, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("照片.png", b"\x89PNG....", content_type="image/png")
    event = services.report_progress(item=item, by=pm_contact, text="已张贴公示", evidence=upload)
    assert (event.kind, event.text, event.by_org) == (
        "progress",
        "已张贴公示",
        world.orgs["qingyuan_pm"],
    )
    assert event.evidence.read() == b"\x89PNG...."


def test_evidence_of_an_unknown_kind_is_refused(world, item, pm_contact):
    before = _state(item)
    with pytest.raises(ValidationError) as exc:
        services.report_progress(
            item=item, by=pm_contact, text="x", evidence=SimpleUploadedFile("a.exe", b"MZ")
        )
    assert exc.value.message_dict["evidence"] == ["文件“a.exe”是可执行文件，不能上传。"]
    assert _state(item) == before


def test_done_then_accepted_by_the_convening_org(world, item, pm_contact):
    services.mark_done(item=item, by=pm_contact, text="已完成公示")
    assert ActionItem.objects.get(pk=item.pk).status == ActionStatus.DONE
    services.accept_item(item=item, by=world.users["xiyuhe_admin"], note="合格")
    item.refresh_from_db()
    assert item.status == ActionStatus.ACCEPTED
    assert item.accepted_by == world.users["xiyuhe_admin"]
    assert [e.kind for e in item.events.all()] == ["created", "done", "accepted"]


def test_accepting_an_item_one_did_not_convene_is_refused_and_nothing_changes(
    world, item, pm_contact
):
    services.mark_done(item=item, by=pm_contact, text="已完成")
    before = _state(item)
    for user in ("qingyang_admin", "city_admin", "xihuamen_admin"):
        with pytest.raises(PermissionDenied) as exc:
            services.accept_item(item=item, by=world.users[user])
        assert "召集单位" in str(exc.value)
    assert _state(item) == before


def test_only_the_lead_org_reports_done_others_are_refused_as_a_matter_of_rights(world, item):
    before = _state(item)
    with pytest.raises(PermissionDenied) as exc:
        services.mark_done(item=item, by=world.users["library_contact"], text="x")
    assert "牵头单位" in str(exc.value)
    assert _state(item) == before


def test_an_item_not_reported_done_cannot_be_accepted(world, item):
    before = _state(item)
    with pytest.raises(ValidationError):
        services.accept_item(item=item, by=world.users["xiyuhe_admin"])
    assert _state(item) == before


def test_sent_back_with_a_reason_the_item_is_open_again(
    world, item, pm_contact, django_capture_on_commit_callbacks
):
    from wulian.notifications.models import Notification

    services.mark_done(item=item, by=pm_contact, text="已完成")
    before = _state(item)
    with pytest.raises(ValidationError) as exc:
        services.return_item(item=item, by=world.users["xiyuhe_admin"], reason=" ")
    assert "退回原因" in exc.value.message_dict["reason"][0]
    assert _state(item) == before
    with django_capture_on_commit_callbacks(execute=True):
        services.return_item(item=item, by=world.users["xiyuhe_admin"], reason="公示内容不全")
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN
    assert item.events.last().text == "公示内容不全"
    assert Notification.objects.filter(user=pm_contact, kind="action_item.returned").count() == 1


def test_adding_an_action_item_after_closing_validates_like_closing(world, closed_meeting):
    decision = closed_meeting.decisions.get()
    before = ActionItem.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.add_action_item(
            decision=decision,
            by=world.users["xiyuhe_admin"],
            lead_org=None,
            responsible="",
            due_on=None,
            done_criteria="",
        )
    assert len(exc.value.message_dict["decisions"]) == 4
    assert ActionItem.objects.count() == before
