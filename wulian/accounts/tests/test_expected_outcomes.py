"""Expected outcomes written by hand: who gets what on a sample of pages and API endpoints.

The permission matrix (``test_permission_matrix.py``) derives each expectation from
``has_action`` and ``scope_for``, the code it tests. This table does not: every status below was
written from the rules as ``docs/permissions.md`` and the glossary state them (who does what in
the four linkages, which part of the territory each level sees), against the demo world. Where
the two ever disagree, one of them is wrong.

Places: 西华门社区 lies in 西御河街道, 青羊区; 清源社区 in 苏坡街道, 青羊区; 黉门街社区 in
武侯区. 302 = sent to the login page; 401 = API without a token; 403 = the role may not do this
at all; 404 = the role may, but the object is outside its part of the territory (or its line).
"""

import pytest
from django.conf import settings
from django.urls import reverse

from wulian.web.demo import QINGYUAN, XIHUAMEN
from wulian.web.testing import bearer


def _meeting(topic):
    def get(world):
        from wulian.meetings.models import JointMeeting

        return JointMeeting.objects.get(topic=topic).pk

    get.__name__ = topic
    return get


STREET_MEETING = _meeting(
    "西御河街道物业矛盾化解党建联席会议"
)  # held by 西御河街道; 西华门社区党委 invited
DISTRICT_MEETING = _meeting("青羊区老旧院落治理党建联席会议")  # held by 青羊区; 西御河街道 invited
COMMUNITY_MEETING = _meeting("西华门社区院落治理联席会议")  # held by 西华门社区


def CASE_IN_XIHUAMEN(world):  # noqa: N802
    from wulian.cases.models import Case

    return Case.objects.get(title="西华门街垃圾清运不及时", area__code=XIHUAMEN).pk


def ALLOCATION_TO_XIHUAMEN(world):  # noqa: N802
    from wulian.funds.models import Allocation

    return Allocation.objects.filter(community__code=XIHUAMEN).order_by("pk").first().pk


def _org(key):
    def get(world):
        return world.orgs[key].pk

    get.__name__ = key
    return get


def COUNCIL_OF_QINGYUAN(world):  # noqa: N802
    from wulian.councils.models import Council

    return Council.objects.get(community__code=QINGYUAN).pk


def SERVED_NEED(world):  # noqa: N802
    """李秀英's need in 黉门街社区 (武侯区), served by 华西医院."""
    from wulian.needs.models import Need

    return Need.objects.get(title="陪同老人到医院复诊", posted_by=world.people["li_xiuying"]).pk


def LAMP_NEED(world):  # noqa: N802
    """西华门社区 staff posted it for 赵强 (代办)."""
    from wulian.needs.models import Need

    return Need.objects.get(title="楼道灯坏了需要维修").pk


def HUAXI_AGREEMENT(world):  # noqa: N802
    """黉门街社区党委 × 华西医院."""
    from wulian.agreements.models import Agreement

    return Agreement.objects.get(unit=world.orgs["huaxi"], version=1).pk


# (login, URL name, object or None, expected status). Logins: the demo's (web/demo/) and the
# city, district and street staff made by ``role_user`` (accounts/tests/conftest.py).
EXPECTED = [
    # 条块联管 — joint meetings: the level that holds it, the levels above, the orgs invited.
    ("anonymous", "meetings:detail", STREET_MEETING, 302),
    ("anonymous", "api:meeting_detail", STREET_MEETING, 401),
    ("city_admin", "meetings:detail", STREET_MEETING, 200),
    ("city_staff", "meetings:detail", STREET_MEETING, 200),
    ("qingyang_staff", "meetings:detail", STREET_MEETING, 200),
    ("xiyuhe_staff", "meetings:detail", STREET_MEETING, 200),
    ("xihuamen_staff", "meetings:detail", STREET_MEETING, 200),  # invited
    ("huaxi_contact", "meetings:detail", STREET_MEETING, 404),  # not invited
    ("resident_demo", "meetings:detail", STREET_MEETING, 403),
    ("audit_admin", "meetings:detail", STREET_MEETING, 403),
    ("qingyang_fangguan_staff", "meetings:detail", STREET_MEETING, 403),
    ("xiyuhe_staff", "meetings:detail", DISTRICT_MEETING, 200),  # the street was invited
    ("xihuamen_staff", "meetings:detail", DISTRICT_MEETING, 404),  # the community was not
    ("wuhou_admin", "meetings:detail", DISTRICT_MEETING, 404),
    ("qingyuan_admin", "meetings:detail", COMMUNITY_MEETING, 404),
    ("city_staff", "api:meeting_detail", STREET_MEETING, 200),
    ("xiyuhe_staff", "api:meeting_detail", DISTRICT_MEETING, 200),
    ("xiyuhe_staff", "meetings:list", None, 200),
    # 条块联管 — disputes and pooled funds.
    ("xiyuhe_staff", "cases:detail", CASE_IN_XIHUAMEN, 200),
    ("qingyang_staff", "cases:detail", CASE_IN_XIHUAMEN, 200),
    ("wuhou_admin", "cases:detail", CASE_IN_XIHUAMEN, 404),
    ("huaxi_contact", "cases:detail", CASE_IN_XIHUAMEN, 403),
    ("member_demo", "cases:list", None, 403),
    ("city_staff", "funds:allocation_detail", ALLOCATION_TO_XIHUAMEN, 200),
    ("qingyang_staff", "funds:allocation_detail", ALLOCATION_TO_XIHUAMEN, 200),
    ("xiyuhe_staff", "funds:allocation_detail", ALLOCATION_TO_XIHUAMEN, 200),
    ("qingyuan_admin", "funds:allocation_detail", ALLOCATION_TO_XIHUAMEN, 404),
    ("minzheng_admin", "funds:allocation_detail", ALLOCATION_TO_XIHUAMEN, 403),
    # 组织联建 — organizations, lines, councils, alliances.
    ("xiyuhe_staff", "orgs:detail", _org("xihuamen"), 200),
    ("xiyuhe_staff", "orgs:detail", _org("qingyuan"), 404),
    ("city_staff", "orgs:detail", _org("qingyuan"), 200),
    ("minzheng_admin", "orgs:detail", _org("collectors"), 200),  # 民政 line, city-wide
    ("qingyang_fangguan_staff", "orgs:detail", _org("qingyuan_pm"), 200),  # 房管 line in 青羊区
    (
        "qingyang_fangguan_staff",
        "orgs:detail",
        _org("housing_dept_prov"),
        404,
    ),  # the city 住建局's unit
    ("qingyang_fangguan_staff", "api:org_detail", _org("housing_dept_prov"), 404),
    ("resident_demo", "orgs:detail", _org("xihuamen"), 403),
    ("system_admin", "orgs:detail", _org("xihuamen"), 403),
    ("anonymous", "api:org_detail", _org("xihuamen"), 401),
    ("city_staff", "orgs:list", None, 200),
    ("qingyang_staff", "councils:detail", COUNCIL_OF_QINGYUAN, 200),
    ("xiyuhe_staff", "councils:detail", COUNCIL_OF_QINGYUAN, 404),
    ("xihuamen_admin", "councils:detail", COUNCIL_OF_QINGYUAN, 404),
    ("huaxi_contact", "alliances:list", None, 200),
    ("minzheng_admin", "alliances:list", None, 403),
    # 利益联结 — the needs menu, shared resources, service agreements.
    ("resident_demo", "needs:detail", SERVED_NEED, 200),  # her own
    ("huaxi_contact", "needs:detail", SERVED_NEED, 200),  # the provider
    ("city_staff", "needs:detail", SERVED_NEED, 200),
    ("qingyang_staff", "needs:detail", SERVED_NEED, 404),  # 武侯区
    ("xiyuhe_staff", "needs:detail", LAMP_NEED, 200),
    ("resident_demo", "needs:detail", LAMP_NEED, 404),  # someone else's, elsewhere
    ("resident_demo", "api:need_detail", SERVED_NEED, 200),
    ("anonymous", "api:need_detail", SERVED_NEED, 401),
    ("resident_demo", "needs:list", None, 403),
    ("xiyuhe_staff", "needs:list", None, 200),
    ("xiyuhe_staff", "needs:menu", None, 403),  # staff post for residents; they do not claim
    ("member_demo", "needs:menu", None, 200),
    ("resident_demo", "resources:browse", None, 200),
    ("city_staff", "resources:browse", None, 403),
    ("city_staff", "resources:inventory", None, 200),
    ("resident_demo", "resources:inventory", None, 403),
    ("hongmenjie_admin", "agreements:detail", HUAXI_AGREEMENT, 200),
    ("huaxi_contact", "agreements:detail", HUAXI_AGREEMENT, 200),
    ("xihuamen_admin", "agreements:detail", HUAXI_AGREEMENT, 404),
    ("library_contact", "agreements:detail", HUAXI_AGREEMENT, 404),
    ("resident_demo", "agreements:detail", HUAXI_AGREEMENT, 403),
    # 责任联动 — duty lists, dispatches, evaluations; and the audit log of the 三员.
    ("xiyuhe_staff", "duties:index", None, 200),
    ("minzheng_admin", "duties:index", None, 200),
    ("resident_demo", "duties:index", None, 403),
    ("huaxi_contact", "dispatches:list", None, 200),
    ("minzheng_admin", "dispatches:list", None, 403),
    ("city_staff", "evaluations:list", None, 200),
    ("member_demo", "evaluations:list", None, 403),
    ("audit_admin", "audit:list", None, 200),
    ("city_admin", "audit:list", None, 403),
    ("security_admin", "audit:list", None, 403),
]


def _id(row) -> str:
    login, name, obj, status = row
    return f"{login}-{name}-{getattr(obj, '__name__', '')}-{status}"


def test_the_table_samples_every_level_of_staff():
    logins = {row[0] for row in EXPECTED}
    assert {"city_staff", "qingyang_staff", "xiyuhe_staff", "xihuamen_staff"} <= logins
    assert len(EXPECTED) >= 40


@pytest.mark.parametrize("row", EXPECTED, ids=_id)
def test_expected_outcome(row, world, role_user, client):
    login, name, obj, status = row
    url = reverse(name, kwargs={"pk": obj(world)} if obj is not None else None)
    headers = {}
    if login != "anonymous":
        user = role_user(login)
        if name.startswith("api:"):
            headers = bearer(user)
        else:
            client.force_login(user)
    response = client.get(url, **headers)
    assert response.status_code == status, f"GET {url} as {login}"
    if status == 302:
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
