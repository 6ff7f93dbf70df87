import pytest
from django.urls import reverse

from wulian.cases import services
from wulian.cases.selectors import resolved_counts
from wulian.web.demo import QINGYANG, XIHUAMEN, XIYUHE
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def test_resolved_counts_aggregate_over_the_area_subtree_by_category(world):
    stats = resolved_counts(world.users["qingyang_admin"], world.areas[QINGYANG])
    rows = {
        r["area"].name: dict(zip([c.value for c in stats["categories"]], r["counts"], strict=True))
        for r in stats["all_rows"]
        if r["total"]
    }
    # demo: 西华门 (西御河街道) 1 property + 1 neighbourhood resolved; 清源 (苏坡街道) 1 property.
    assert rows["西御河街道"]["property_management"] == 1
    assert rows["西御河街道"]["neighbourhood"] == 1
    assert rows["苏坡街道"]["property_management"] == 1
    assert stats["total"] == 3


def test_a_leaf_area_counts_its_own_cases(world):
    stats = resolved_counts(world.users["xihuamen_admin"], world.areas[XIHUAMEN])
    assert stats["total"] == 2


def test_the_stats_page_shows_the_area_and_refuses_an_area_out_of_scope(world, client):
    client.force_login(world.users["xiyuhe_admin"])
    body = client.get(f"/cases/stats/?area={XIYUHE}").content.decode()
    assert "西华门社区" in body
    assert 'id="stats-total">2<' in body
    assert client.get(f"/cases/stats/?area={QINGYANG}").status_code == 404


def test_the_case_detail_shows_its_timeline_with_the_meeting(world, client):
    from wulian.cases.models import Case

    case = Case.objects.get(title="西华门街垃圾清运不及时")  # on the demo street meeting's agenda
    client.force_login(world.users["xiyuhe_admin"])
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "列入联席会议议程" in body
    assert "西御河街道物业矛盾化解党建联席会议" in body


def test_the_case_list_exports_to_excel(world, client):
    client.force_login(world.users["xiyuhe_admin"])
    response = client.get("/cases/export/?category=property_management")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


@query_guard("cases:list", "cases:export", "api:case_list")
@pytest.mark.parametrize("name", ["cases:list", "cases:export", "api:case_list"])
def test_the_case_lists_use_a_fixed_number_of_queries(world, client, name):
    user = world.users["xihuamen_admin"]
    client.force_login(user)

    def add(n):
        for i in range(n):
            case = services.register_case(
                by=user,
                area=world.areas[XIHUAMEN],
                category="other",
                title=f"事{i}",
                description="d",
                reporter=world.people["zhang_min"],
            )
            services.resolve_case(
                case=case,
                by=user,
                resolution="r",
                method="other",
                resolved_by_org=world.orgs["library"],
            )

    add(1)
    assert_flat_queries(
        client,
        reverse(name),
        lambda: add(2),
        headers=bearer(user) if name.startswith("api:") else None,
    )


def test_an_open_case_is_put_on_a_coming_meetings_agenda_from_its_page(world, client):
    from wulian.cases.models import Case
    from wulian.meetings.models import JointMeeting

    case = Case.objects.get(title="西华门街垃圾清运不及时")
    meeting = JointMeeting.objects.get(topic="西华门社区院落治理联席会议")
    client.force_login(world.users["xihuamen_admin"])
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/agenda/" in body
    client.post(f"/meetings/{meeting.pk}/agenda/", {"case": case.pk, "title": case.title})
    assert list(meeting.agenda_items.filter(case=case).values_list("title", flat=True)) == [
        case.title
    ]
