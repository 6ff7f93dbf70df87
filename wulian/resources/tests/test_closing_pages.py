"""Closing a resource from its page: the reason is asked for where it is typed, the unit is told how
many bookings the closing cancelled, and the bookers' pages and calendar files show them
cancelled."""

from django.contrib.messages import get_messages
from django.urls import reverse

from wulian.resources import services
from wulian.resources.models import Resource
from wulian.resources.tests.conftest import at


def _book(world, parking, day):
    return services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(day, 10), end=at(day, 11)
    )


def test_closing_without_a_reason_shows_the_error_under_the_reason_box(
    world, parking, client, login
):
    login("huaxi_contact")
    response = client.post(reverse("resources:close", args=[parking.pk]), {"reason": " "})
    assert response.status_code == 400
    assert response.context["close_form"].errors["reason"] == [
        "请填写关闭原因：未开始的预约将被取消，预约人会收到通知。"
    ]
    assert 'id="id_close-reason"' in response.content.decode()
    assert "invalid-feedback" in response.content.decode()
    assert not [m.message for m in get_messages(response.wsgi_request)]
    assert Resource.objects.get(pk=parking.pk).is_open is True


def test_the_close_form_labels_its_box_closing_reason(world, parking, client, login):
    login("huaxi_contact")
    page = client.get(reverse("resources:detail", args=[parking.pk])).content.decode()
    assert '<label for="id_close-reason"' in page
    label = page.split('<label for="id_close-reason"', 1)[1].split("</label>", 1)[0]
    assert "关闭原因" in label
    assert "审核意见" not in page


def test_closing_says_how_many_bookings_it_cancelled(world, parking, client, login):
    _book(world, parking, 2)
    _book(world, parking, 3)
    login("huaxi_contact")
    response = client.post(reverse("resources:close", args=[parking.pk]), {"reason": "施工"})
    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "已关闭，2个未开始的预约已取消并通知预约人。"
    ]


def test_a_booking_cancelled_by_the_closing_is_not_upcoming(world, parking, client, login):
    cancelled = _book(world, parking, 2)
    services.close_resource(resource=parking, by=None, reason="施工")
    login("resident_demo")
    response = client.get(reverse("resources:my_bookings"))
    page = response.content.decode()
    assert cancelled not in list(response.context["upcoming"])
    assert [b.pk for b in response.context["cancelled"]] == [cancelled.pk]
    assert reverse("resources:my_booking", args=[cancelled.pk]) in page
    assert reverse("resources:my_booking_ics", args=[cancelled.pk]) not in page


def test_the_calendar_file_of_a_cancelled_booking_cancels_the_event(world, parking, client, login):
    booking = _book(world, parking, 2)
    login("resident_demo")
    url = reverse("resources:my_booking_ics", args=[booking.pk])
    assert "STATUS:CONFIRMED" in client.get(url).content.decode()
    services.close_resource(resource=parking, by=None, reason="施工")
    text = client.get(url).content.decode()
    assert "STATUS:CANCELLED" in text
    assert f"UID:booking-{booking.pk}@wulian" in text
