"""The duties' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

import datetime as dt

import pytest

from wulian.duties import rules, services
from wulian.duties.models import DutyKind

pytestmark = pytest.mark.django_db


def test_staff_over_the_org_and_its_unit_keep_its_list_others_do_not(world):
    assert rules.can_keep_list(world.users["xiyuhe_admin"], world.orgs["xihuamen"]) is True
    assert rules.can_keep_list(world.users["xihuamen_admin"], world.orgs["xiyuhe"]) is False
    assert rules.can_keep_list(world.users["library_contact"], world.orgs["huaxi"]) is False


def test_lead_and_co_orgs_report_only_the_lead_marks_done(world):
    admin = world.users["xiyuhe_admin"]
    duty_list = services.create_duty_list(
        by=admin, org=world.orgs["xihuamen"], year=2030, kind=DutyKind.TASK
    )
    duty = services.create_duty(
        by=admin,
        duty_list=duty_list,
        title="共建活动",
        due_on=dt.date(2030, 12, 20),
        assigned_on=dt.date(2030, 11, 1),
        co_orgs=[world.orgs["library"]],
    )
    lead, co, other = (
        world.users["xihuamen_admin"],
        world.users["library_contact"],
        world.users["huaxi_contact"],
    )
    assert (rules.can_report(lead, duty), rules.can_mark_done(lead, duty)) == (True, True)
    assert (rules.can_report(co, duty), rules.can_mark_done(co, duty)) == (True, False)
    assert (rules.can_report(other, duty), rules.can_mark_done(other, duty)) == (False, False)
