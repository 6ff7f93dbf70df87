"""The cases' object predicates (``rules.can_<verb>``), shared by services, buttons and API."""

import pytest
from django.core.exceptions import PermissionDenied

from wulian.cases import rules, services
from wulian.cases.models import Case, Status
from wulian.web.demo import XIHUAMEN


def _case(world):
    return services.register_case(
        by=world.users["xihuamen_admin"],
        area=world.areas[XIHUAMEN],
        category="property_management",
        title="物业公司停水未通知",
        parties="8号院业主；物业公司",
        description="停水两天未提前通知。",
    )


def test_staff_over_the_case_area_resolve_it_others_do_not(world):
    case = _case(world)
    assert rules.can_resolve(world.users["xihuamen_admin"], case) is True
    assert rules.can_resolve(world.users["xiyuhe_admin"], case) is True
    assert rules.can_resolve(world.users["hongmenjie_admin"], case) is False
    assert rules.can_resolve(world.users["resident_demo"], case) is False


def test_resolving_a_case_outside_ones_area_is_refused_and_changes_nothing(world):
    case = _case(world)
    with pytest.raises(PermissionDenied):
        services.resolve_case(
            case=case, by=world.users["hongmenjie_admin"], resolution="已调解", method="mediation"
        )
    assert Case.objects.get(pk=case.pk).status == Status.OPEN
