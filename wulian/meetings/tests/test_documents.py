def test_minutes_print_as_a_pdf(world, closed_meeting, client):
    client.force_login(world.users["xiyuhe_admin"])
    response = client.get(f"/meetings/{closed_meeting.pk}/minutes.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_meeting_downloads_as_ics(world, street_meeting, client):
    client.force_login(world.users["library_contact"])  # an invitee
    response = client.get(f"/meetings/{street_meeting.pk}/meeting.ics")
    text = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"UID:meeting-{street_meeting.pk}@wulian" in text
    assert "SUMMARY:物业矛盾化解联席会议" in text
