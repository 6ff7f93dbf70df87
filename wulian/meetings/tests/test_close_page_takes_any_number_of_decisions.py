"""The close page had three fixed decision blocks; it now takes any number (up to 50)."""

from wulian.meetings.models import Decision, MeetingStatus
from wulian.meetings.tests.factories import present


def _post_data(n):
    data = {
        "host": "王主任",
        "recorder": "李干事",
        "minutes": "纪要",
        "d-TOTAL_FORMS": str(n),
        "d-INITIAL_FORMS": "0",
        "d-MIN_NUM_FORMS": "0",
        "d-MAX_NUM_FORMS": "50",
    }
    for i in range(n):
        data[f"d-{i}-text"] = f"第{i + 1}项议定"
    return data


def test_the_close_page_adds_a_decision_block_with_htmx(world, client, street_meeting):
    present(street_meeting)
    client.force_login(world.users["xiyuhe_admin"])
    page = client.get(f"/meetings/{street_meeting.pk}/close/").content.decode()
    assert page.count('class="wl-card decision-form"') == 3
    assert f'hx-get="/meetings/{street_meeting.pk}/close/?row=3"' in page
    row = client.get(
        f"/meetings/{street_meeting.pk}/close/?row=3", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'name="d-3-text"' in row
    assert 'name="d-TOTAL_FORMS" value="4"' in row
    assert 'hx-swap-oob="true"' in row
    assert f'hx-get="/meetings/{street_meeting.pk}/close/?row=4"' in row


def test_without_javascript_the_link_reloads_with_one_more_block(world, client, street_meeting):
    present(street_meeting)
    client.force_login(world.users["xiyuhe_admin"])
    page = client.get(f"/meetings/{street_meeting.pk}/close/?rows=4").content.decode()
    assert page.count('class="wl-card decision-form"') == 4


def test_closing_on_the_page_with_six_decisions(world, client, street_meeting):
    present(street_meeting)
    client.force_login(world.users["xiyuhe_admin"])
    response = client.post(f"/meetings/{street_meeting.pk}/close/", _post_data(6))
    assert response.status_code == 302
    street_meeting.refresh_from_db()
    assert street_meeting.status == MeetingStatus.CLOSED
    assert list(Decision.objects.filter(meeting=street_meeting).values_list("text", flat=True)) == [
        f"第{i}项议定" for i in range(1, 7)
    ]


def test_more_than_fifty_decisions_are_refused_and_nothing_is_written(
    world, client, street_meeting
):
    client.force_login(world.users["xiyuhe_admin"])
    response = client.post(f"/meetings/{street_meeting.pk}/close/", _post_data(51))
    assert response.status_code == 200
    street_meeting.refresh_from_db()
    assert (street_meeting.status, Decision.objects.filter(meeting=street_meeting).count()) == (
        MeetingStatus.SCHEDULED,
        0,
    )
