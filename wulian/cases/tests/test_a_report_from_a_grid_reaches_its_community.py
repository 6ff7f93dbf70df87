"""A resident who lives in a grid (网格) of 黉门街社区 reports a problem: no one holds a role at a
grid, so the community's staff are told, as for a resident registered at the community."""

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import grant_role
from wulian.areas.services import create_grid
from wulian.cases.services import report_case
from wulian.notifications.models import Notification
from wulian.people.services import create_person
from wulian.web.demo import HONGMENJIE


def test_a_report_from_a_grid_reaches_the_communitys_staff(
    world, django_capture_on_commit_callbacks
):
    grid = create_grid(community=world.areas[HONGMENJIE], name="国学巷网格", by=None)
    person = create_person(by=None, name="黄志明", phone="13880002001", home_area=grid)
    user = User.objects.create_user(username="grid_resident", password="x", person=person)
    grant_role(user=user, kind=RoleKind.RESIDENT, org=world.orgs["hongmenjie"], by=None)
    with django_capture_on_commit_callbacks(execute=True):
        case = report_case(
            by=user, category="parking", title="网格内车辆乱停", description="堵住消防通道。"
        )
    assert case.area == grid
    told = set(
        Notification.objects.filter(kind="case.new", title__contains="网格内车辆乱停").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"hongmenjie_admin"}
