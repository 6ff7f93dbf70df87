"""The case page offers the scheduled joint meetings of the case's area and above (a panel the
meetings app adds to the case page), and no longer a meeting the case is already on."""

from django.urls import reverse

from wulian.cases.models import Category
from wulian.cases.services import register_case
from wulian.meetings.services import add_agenda_item
from wulian.web.demo import XIHUAMEN


def _case(world):
    return register_case(
        by=world.users["xiyuhe_admin"],
        area=world.areas[XIHUAMEN],
        category=Category.choices[0][0],
        title="楼道堆物纠纷",
        description="三号楼楼道长期堆物。",
    )


def test_open_case_page_offers_the_street_meeting_until_the_case_is_on_its_agenda(
    world, login, client, street_meeting
):
    login("xiyuhe_admin")
    case = _case(world)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="to-agenda-form"' in page
    assert reverse("meetings:agenda_add", args=[street_meeting.pk]) in page
    add_agenda_item(
        meeting=street_meeting, by=world.users["xiyuhe_admin"], title=case.title, case=case
    )
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("meetings:agenda_add", args=[street_meeting.pk]) not in page
