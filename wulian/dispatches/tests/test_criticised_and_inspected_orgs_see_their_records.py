"""Responsibility linkage across levels: an org sees the published dispatch that criticises it,
the inspections of it, its rectifications and the inquiries sent to it; area staff see those of
their area's orgs. Drafts and other orgs' records stay 404."""

import datetime as dt

import pytest
from django.utils import timezone

from wulian.dispatches import services
from wulian.web.testing import bearer

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


@pytest.fixture
def criticising_xihuamen(world):
    """A 青羊区 draft dispatch (three months back) naming 西华门社区党委."""
    period = services.previous_month(
        services.previous_month(services.previous_month(timezone.localdate()))
    )
    dispatch, _created = services.generate_monthly_dispatch(
        scope_area=world.areas["510105000000"], period=period, by=world.users["qingyang_admin"]
    )
    services.add_criticism(
        by=world.users["qingyang_admin"],
        dispatch=dispatch,
        org=world.orgs["xihuamen"],
        failure="党群服务中心去行政化推进缓慢，",
        deadline=FUTURE,
    )
    return dispatch


def test_a_criticised_community_and_its_street_open_the_published_dispatch(
    world, client, criticising_xihuamen
):
    dispatch = services.publish_dispatch(
        by=world.users["qingyang_admin"], dispatch=criticising_xihuamen
    )
    for username in ("xihuamen_admin", "xihuamen_staff", "xiyuhe_admin"):
        client.force_login(world.users[username])
        page = client.get(f"/dispatches/{dispatch.pk}/")
        assert page.status_code == 200, username
        assert "党群服务中心去行政化推进缓慢" in page.content.decode()
        assert client.get(f"/dispatches/{dispatch.pk}/pdf/").status_code == 200, username
        assert dispatch.title in client.get("/dispatches/").content.decode()
        assert (
            client.get(
                f"/api/v1/dispatches/{dispatch.pk}/", **bearer(world.users[username])
            ).status_code
            == 200
        )


def test_the_criticised_org_cannot_manage_the_dispatch(world, client, criticising_xihuamen):
    dispatch = services.publish_dispatch(
        by=world.users["qingyang_admin"], dispatch=criticising_xihuamen
    )
    client.force_login(world.users["xihuamen_admin"])
    assert client.post(f"/dispatches/{dispatch.pk}/correct/").status_code == 404
    assert client.get(f"/dispatches/{dispatch.pk}/figures.xlsx").status_code == 404
    assert dispatch.corrections.count() == 0


def test_a_draft_criticism_is_not_shown_to_the_criticised_org(world, client, criticising_xihuamen):
    client.force_login(world.users["xihuamen_admin"])
    assert client.get(f"/dispatches/{criticising_xihuamen.pk}/").status_code == 404


@pytest.mark.parametrize("username", ["hongmenjie_admin", "qingyuan_admin", "huaxi_contact"])
def test_orgs_not_criticised_get_404(world, client, criticising_xihuamen, username):
    dispatch = services.publish_dispatch(
        by=world.users["qingyang_admin"], dispatch=criticising_xihuamen
    )
    client.force_login(world.users[username])
    assert client.get(f"/dispatches/{dispatch.pk}/").status_code == 404
    assert client.get(f"/dispatches/{dispatch.pk}/pdf/").status_code == 404


def test_a_unit_opens_the_inspection_of_itself(world, client):
    inspection = services.create_inspection(
        by=world.users["wuhou_admin"],
        kind="supervision",
        target=world.orgs["huaxi"],
        scheduled_on=FUTURE,
        inspector="区委社治委督导组",
        checklist=["共建协议履约台账"],
    )
    client.force_login(world.users["huaxi_contact"])
    assert client.get(f"/dispatches/inspections/{inspection.pk}/").status_code == 200
    assert "区委社治委督导组" in client.get("/dispatches/inspections/").content.decode()
    client.force_login(world.users["library_contact"])
    assert client.get(f"/dispatches/inspections/{inspection.pk}/").status_code == 404


def test_the_rectification_and_the_inquiry_reach_the_addressed_org_and_its_street(
    world, client, criticising_xihuamen
):
    dispatch = services.publish_dispatch(
        by=world.users["qingyang_admin"], dispatch=criticising_xihuamen
    )
    rect = dispatch.criticisms.get(org=world.orgs["xihuamen"]).rectification
    inquiry = services.send_inquiry(
        by=world.users["qingyang_admin"],
        to_org=world.orgs["xihuamen"],
        subject="问询",
        question="请说明。",
        reply_due=FUTURE,
    )
    for username, status in [
        ("xihuamen_admin", 200),
        ("xiyuhe_admin", 200),
        ("hongmenjie_admin", 404),
    ]:
        client.force_login(world.users[username])
        assert client.get(f"/dispatches/rectifications/{rect.pk}/").status_code == status, username
        assert client.get(f"/dispatches/inquiries/{inquiry.pk}/").status_code == status, username
