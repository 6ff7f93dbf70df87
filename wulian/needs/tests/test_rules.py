"""The needs' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.needs import rules, services
from wulian.needs.models import CommunityRegistration


def test_a_member_ends_their_own_registration_nobody_elses(world):
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    assert rules.can_end_registration(world.users["member_demo"], reg) is True
    assert rules.can_end_registration(world.users["resident_demo"], reg) is False
    assert rules.can_end_registration(world.users["xihuamen_admin"], reg) is False


def test_ending_someone_elses_registration_is_refused_and_changes_nothing(world):
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    with pytest.raises(PermissionDenied):
        services.end_registration(registration=reg, by=world.users["resident_demo"])
    assert CommunityRegistration.objects.get(pk=reg.pk).active is True


def test_only_a_party_member_registers_in_a_community_others_are_refused_with_403(
    world, client, login
):
    from wulian.core import counters
    from wulian.people.models import Person

    member = world.users["member_demo"]
    assert rules.can_register(member) is True
    assert rules.can_register(world.users["resident_demo"]) is False
    counters.update(
        Person.objects.filter(pk=member.person_id), is_party_member=False, party_org=None
    )  # no longer
    before = CommunityRegistration.objects.count()
    assert rules.can_register(member) is False
    with pytest.raises(PermissionDenied) as exc:
        services.register_in_community(by=member, community=world.people["wang_jianguo"].home_area)
    assert str(exc.value) == "只有党员可以到社区报到。"
    login("member_demo")  # the page says why, on the form
    page = client.post(
        "/needs/register/", {"community": world.people["wang_jianguo"].home_area.code}
    )
    assert (page.status_code, page.context["form"].non_field_errors()) == (
        200,
        ["只有党员可以到社区报到。"],
    )
    assert CommunityRegistration.objects.count() == before


def test_the_holder_serves_the_poster_confirms_both_rate(world):
    from wulian.needs.tests.helpers import claimed_hours_ago, post

    need = services.claim_need(need=post(world), by=world.users["huaxi_contact"])
    claimed_hours_ago(need)
    holder, poster, other = (
        world.users["huaxi_contact"],
        world.users["resident_demo"],
        world.users["member_demo"],
    )
    assert [rules.can_serve(u, need) for u in (holder, poster, other)] == [True, False, False]
    assert [rules.can_confirm(u, need) for u in (holder, poster, other)] == [False, True, False]
    assert [rules.can_rate(u, need) for u in (holder, poster, other)] == [True, True, False]
    rating = services.rate_need(
        need=services.fulfil_need(need=need, by=holder, note="完成", hours=1), by=holder, score=4
    )
    assert [rules.can_update_rating(u, rating) for u in (holder, poster)] == [True, False]


def test_the_page_offers_confirming_to_the_poster_and_serving_to_the_holder_only(
    world, client, login
):
    from wulian.needs.tests.helpers import claimed_hours_ago, post

    need = services.claim_need(need=post(world), by=world.users["huaxi_contact"])
    claimed_hours_ago(need)
    services.fulfil_need(need=need, by=world.users["huaxi_contact"], note="完成", hours=1)
    login("resident_demo")
    page = client.get(f"/needs/{need.pk}/")
    assert (page.context["can_confirm"], page.context["holder"]) == (True, False)
    assert 'id="confirm-form"' in page.content.decode()
    login("hongmenjie_admin")  # staff over the need's area see it, and neither confirm nor serve it
    page = client.get(f"/needs/{need.pk}/")
    assert (page.status_code, page.context["can_confirm"], page.context["holder"]) == (
        200,
        False,
        False,
    )
    login("huaxi_contact")
    page = client.get(f"/needs/{need.pk}/")
    assert (page.context["can_confirm"], page.context["holder"]) == (False, True)
