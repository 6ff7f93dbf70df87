"""A search by full phone or ID number is posted, never sent in a URL (access logs keep URLs;
issue 16, defect 9). Other searches still redirect to a GET, so that pages and links work."""

import json

from django.urls import reverse

from wulian.accounts.services import create_token

PHONE = "13880001003"  # 张敏, 西华门社区


def test_page_posts_number_searches_and_refuses_them_in_the_query_string(world, client, login):
    login("xihuamen_admin")
    url = reverse("people:list")
    page = client.post(url, {"q": PHONE})
    assert (page.status_code, [p.name for p in page.context["page_obj"]]) == (200, ["张敏"])
    assert 'method="post"' in page.content.decode()
    page = client.get(url, {"q": PHONE})
    assert list(page.context["page_obj"]) == []
    assert page.context["form"].errors == {
        "q": ["完整手机号或身份证号请在搜索框中输入后点“查询”（不会出现在网址中）。"]
    }
    response = client.post(url, {"q": "张敏"})
    assert (response.status_code, response["Location"]) == (302, f"{url}?q=%E5%BC%A0%E6%95%8F")


def test_api_takes_numbers_in_the_body_only(world, client):
    auth = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['xihuamen_admin'], by=None)}"
    }
    response = client.get(reverse("api:person_list"), {"q": PHONE}, **auth)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "q": ["完整手机号或身份证号请用 POST /api/v1/people/search/ 查询，不要放在网址中。"]
    }
    response = client.post(
        reverse("api:person_search"),
        json.dumps({"q": PHONE}),
        content_type="application/json",
        **auth,
    )
    assert (response.status_code, [p["name"] for p in response.json()["items"]]) == (200, ["张敏"])
