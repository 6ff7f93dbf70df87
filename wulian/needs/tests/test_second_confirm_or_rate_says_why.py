"""Confirming or rating a need a second time (a second tab, a double tap) is refused with its
reason shown: on the page as a message after going back to the need (its form is no longer
there to carry the error), over the API as a 422 naming the need, as every refused input."""

from django.urls import reverse

from wulian.needs import services
from wulian.needs.models import Rating, State
from wulian.needs.tests.helpers import huaxi, post, serve
from wulian.web.testing import bearer


def _done(world):
    need = post(world)
    contact = world.users["huaxi_contact"]
    services.claim_need(need=need, by=contact, provider=huaxi(world))
    return serve(need, contact)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_second_confirmation_on_the_page_goes_back_to_the_need_saying_why(world, client, login):
    need = _done(world)
    login("resident_demo")
    url = reverse("needs:confirm", args=[need.pk])
    client.post(url, {"score": 5, "comment": "很好"}, follow=True)
    again = client.post(url, {"score": 1, "comment": "再点一次"}, follow=True)
    assert again.redirect_chain == [(reverse("needs:detail", args=[need.pk]), 302)]
    assert _messages(again) == ["该需求当前状态为“已确认”，不能确认完成。"]
    assert list(Rating.objects.filter(need=need).values_list("score", flat=True)) == [5]


def test_a_second_rating_on_the_page_goes_back_to_the_need_saying_why(world, client, login):
    need = _done(world)
    services.rate_need(need=need, by=world.users["huaxi_contact"], score=4)
    login("huaxi_contact")
    again = client.post(reverse("needs:rate", args=[need.pk]), {"score": 2}, follow=True)
    assert again.redirect_chain == [(reverse("needs:detail", args=[need.pk]), 302)]
    assert _messages(again) == ["您已评价过该需求，不能重复评价。"]
    assert list(Rating.objects.filter(need=need).values_list("score", flat=True)) == [4]


def test_a_second_confirmation_over_the_api_is_a_422_naming_the_need(world, client):
    need = _done(world)
    resident = world.users["resident_demo"]
    services.confirm_need(need=need, by=resident, score=5)
    response = client.post(
        reverse("api:need_confirm", kwargs={"pk": need.pk}),
        data={"score": 3},
        content_type="application/json",
        **bearer(resident),
    )
    assert response.status_code == 422
    assert response.json()["message"] == "该需求当前状态为“已确认”，不能确认完成。"
    need.refresh_from_db()
    assert need.state == State.CONFIRMED
