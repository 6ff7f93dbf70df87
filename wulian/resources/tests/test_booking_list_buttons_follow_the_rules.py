"""The bookings list shows a row's buttons by the object predicates (``rules.can_decide``,
``rules.can_check_in``), not by the action alone: a contact of one unit who also sees another
unit's bookings through a department line (条线) gets no button the server would refuse."""

from django.urls import reverse

from wulian.accounts.models import RoleKind
from wulian.accounts.services import grant_role
from wulian.resources import rules
from wulian.resources.models import Booking, BookingStatus


def test_a_row_the_user_may_not_decide_shows_no_approve_button(world, client, login):
    clinic = Booking.objects.get(
        resource__kind="clinic", person=world.people["li_xiuying"], status=BookingStatus.PENDING
    )
    contact = world.users["library_contact"]
    grant_role(user=contact, kind=RoleKind.DEPARTMENT_STAFF, org=world.orgs["dept_health"], by=None)
    user = login("library_contact")
    assert rules.can_decide(user, clinic) is False
    page = client.get(reverse("resources:booking_list")).content.decode()
    assert reverse("resources:booking_detail", args=[clinic.pk]) in page  # seen through the line
    assert reverse("resources:approve", args=[clinic.pk]) not in page


def test_the_unit_that_manages_the_resource_sees_its_buttons(world, client, login):
    clinic = Booking.objects.get(
        resource__kind="clinic", person=world.people["li_xiuying"], status=BookingStatus.PENDING
    )
    login("huaxi_contact")
    page = client.get(reverse("resources:booking_list")).content.decode()
    assert reverse("resources:approve", args=[clinic.pk]) in page
