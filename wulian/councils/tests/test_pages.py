import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.councils import services
from wulian.councils.models import Council, Topic, VoteCast
from wulian.web.demo import HONGMENJIE, QINGYUAN
from wulian.web.testing import assert_flat_queries, bearer, count_rows, links_to, query_guard

COUNCIL_LISTS = ["councils:list", "councils:export", "councils:my", "api:councils_list"]


@query_guard(*COUNCIL_LISTS)
@pytest.mark.parametrize("name", COUNCIL_LISTS)
def test_council_lists_make_the_same_number_of_queries_for_more_rows(world, client, name):
    from wulian.areas.models import Area

    user = world.users["city_admin"]
    client.force_login(user)

    def two_councils():
        for community in Area.objects.filter(parent__code="510105003000", council__isnull=True)[:2]:
            council = services.create_council(by=None, community=community)
            services.raise_topic(by=None, council=council, title="议题")

    assert_flat_queries(
        client,
        reverse(name),
        two_councils,
        headers=bearer(user) if name.startswith("api:") else None,
        rows=links_to("councils:detail") if name == "councils:my" else count_rows,
    )


@query_guard("api:councils_topic_list")
def test_topic_list_endpoint_makes_the_same_number_of_queries_for_more_topics(world, client):
    council = Council.objects.get(community__code=QINGYUAN)

    def two_topics():
        for i in range(2):
            services.raise_topic(by=None, council=council, title=f"议题{i}")

    assert_flat_queries(
        client,
        reverse("api:councils_topic_list", args=[council.pk]),
        two_topics,
        headers=bearer(world.users["city_admin"]),
    )


def test_the_demo_resident_sees_her_councils_open_vote_on_the_phone_page(world, client, login):
    login("resident_demo")
    topic = Topic.objects.get(title="社区食堂增设早餐")
    page = client.get(reverse("councils:my")).content.decode()
    assert "社区食堂增设早餐" in page
    assert "清源" not in page
    response = client.get(reverse("councils:topic_detail", args=[topic.pk]))
    assert response.templates[0].name == "councils/topic.html"
    assert "base_mobile.html" in [t.name for t in response.templates]
    assert 'id="vote-form"' in response.content.decode()
    assert 'id="results"' not in response.content.decode()
    other = Topic.objects.filter(council__community__code=QINGYUAN).first()
    assert client.get(reverse("councils:topic_detail", args=[other.pk])).status_code == 404


def test_voting_on_the_page_twice_is_refused_with_a_message(world, client, login):
    login("resident_demo")
    topic = Topic.objects.get(title="社区食堂增设早餐")
    url = reverse("councils:topic_vote", args=[topic.pk])
    client.post(url, {"choice": "yes"})
    response = client.post(url, {"choice": "no"}, follow=True)
    assert "已经投过票，每位成员只能投一票。" in response.content.decode()
    assert VoteCast.objects.filter(topic=topic).count() == 1


def test_results_are_shown_only_after_closing_and_secret_choices_never(world, client, login):
    login("qingyang_admin")
    secret = Topic.objects.get(title="选定社区长寿食坊运营方")
    page = client.get(reverse("councils:topic_detail", args=[secret.pk])).content.decode()
    assert 'id="tally-yes">4<' in page
    assert "记名表决明细" not in page
    api = client.get(
        reverse("api:councils_topic_detail", args=[secret.pk]),
        HTTP_AUTHORIZATION=f"Bearer {create_token(user=world.users['qingyang_admin'], by=None)}",
    ).json()
    assert api["result"] == {"outcome": "passed", "yes": 4, "no": 1, "abstain": 0, "cast": 5}
    open_topic = Topic.objects.get(title="社区食堂增设早餐")
    login("city_admin")
    page = client.get(reverse("councils:topic_detail", args=[open_topic.pk])).content.decode()
    assert 'id="results"' not in page


def test_api_vote_by_a_non_member_is_refused(world, client):
    topic = Topic.objects.get(title="社区食堂增设早餐")
    from wulian.accounts.models import User
    from wulian.accounts.services import grant_role

    neighbour = User.objects.create(username="neighbour", person=world.people["chen_li"])
    grant_role(user=neighbour, kind="resident", org=world.orgs["hongmenjie"], by=None)
    # 陈丽 lives in 西华门, so 黉门街's council is not hers: it does not even exist for her.
    response = client.post(
        reverse("api:councils_vote", args=[topic.pk]),
        {"choice": "yes"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {create_token(user=neighbour, by=None)}",
    )
    assert response.status_code == 404
    # 华西医院's contact sits on it and votes through the API.
    response = client.post(
        reverse("api:councils_vote", args=[topic.pk]),
        {"choice": "no"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {create_token(user=world.users['huaxi_contact'], by=None)}",
    )
    assert (response.status_code, response.json()["offline"]) == (201, False)
    assert VoteCast.objects.get(topic=topic).member.org == world.orgs["huaxi"]
    assert HONGMENJIE in topic.council.community.code
