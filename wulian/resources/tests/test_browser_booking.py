"""In real Chromium on a phone-sized screen: a resident books a parking space and sees it in
"my bookings"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.resources.models import Booking, BookingStatus
from wulian.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_books_a_parking_space_and_sees_it_in_my_bookings(page, live_server, world):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", "resident_demo")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(live_server.url + reverse("web:home"))
    page.goto(live_server.url + reverse("resources:browse"))
    card = page.locator(".resource-card", has_text="畅行停")
    assert "2.00元/小时" in card.locator(".resource-fee").inner_text()
    card.get_by_role("link", name="预约").click()
    # The fee and the allowance are on the page before booking.
    assert (
        page.inner_text("#resource-fee")
        == "费用：2.00元/小时 （有偿补偿：居民错峰停车，社区补贴后按每小时2元收取）"
    )
    assert "每人每天1" in page.inner_text("#resource-caps")
    day = timezone.localdate() + dt.timedelta(days=2)
    page.fill("#id_date", day.isoformat())
    page.fill("#id_start_time", "18:00")
    page.fill("#id_end_time", "20:00")
    page.fill("#id_quantity", "1")
    page.fill("#id_plate", "川ad12345")
    page.click("#booking-submit")
    page.wait_for_selector("#booking-status")
    assert page.inner_text("#booking-status") == "已预约"
    assert page.inner_text("#booking-plate") == "川AD12345"
    assert page.inner_text("#booking-fee") == "费用：4.00元（2.00元/小时）"
    page.goto(live_server.url + reverse("resources:my_bookings"))
    cards = page.locator("#my-bookings .booking-card", has_text=f"{day:%Y-%m-%d} 18:00")
    assert cards.count() == 1
    assert "畅行停" in cards.first.inner_text()
    booking = Booking.objects.get(
        person=world.people["li_xiuying"], start__date=day, resource__kind="parking"
    )
    assert booking.status == BookingStatus.APPROVED
    assert cards.first.locator("a", has_text="加入日历").get_attribute("href") == reverse(
        "resources:my_booking_ics", args=[booking.pk]
    )
