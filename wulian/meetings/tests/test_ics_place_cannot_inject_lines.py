"""A meeting place holding a carriage return (written before the text policy, or by SQL) cannot add
lines to the meeting's .ics (issue 16, defect 9: already escaped by core/ics.py, tested end to end)."""

from django.urls import reverse

from wulian.meetings.models import JointMeeting


def test_place_with_cr_stays_one_escaped_location_line(world, client, login):
    meeting = JointMeeting.objects.filter(area__code="510105003003").order_by("id").first()
    JointMeeting.objects.filter(pk=meeting.pk).update(
        place="三楼\rATTENDEE:mailto:evil@example.com\nX-EVIL:1"
    )
    login("xihuamen_admin")
    text = client.get(reverse("meetings:ics", args=[meeting.pk])).content.decode()
    lines = text.split("\r\n")
    assert not any(line.startswith(("ATTENDEE", "X-EVIL")) for line in lines)
    assert "\r" not in text.replace("\r\n", "")
    assert "\n" not in text.replace("\r\n", "")
    location = "".join(
        line.lstrip(" ") if i else line
        for i, line in enumerate(
            lines[next(i for i, x in enumerate(lines) if x.startswith("LOCATION:")) :]
        )
    ).split("DESCRIPTION:")[0]
    assert location.startswith("LOCATION:三楼\\nATTENDEE:mailto:evil@example.com\\nX-EVIL:1")
