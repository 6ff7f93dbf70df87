"""Open data: the same facts as the page, as JSON (with the licence in its metadata) and CSV per
section (licence in the comment lines before the header, and in a Link rel=license header);
control characters neutralised and formula-looking cells quoted."""

import csv
import io
import json

from django.urls import reverse

from wulian.resources.models import Resource
from wulian.web.demo import HONGMENJIE


def test_json_states_the_licence_and_holds_every_section(world, client):
    response = client.get(reverse("public:area_json", args=[HONGMENJIE]))
    data = json.loads(response.content)
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "五联·成都市城市基层党建互联互动平台",
    }
    assert set(data["sections"]) == {"evaluations", "resources", "projects", "criticisms", "needs"}
    assert data["area"] == {"code": HONGMENJIE, "name": "黉门街社区", "level": "community"}
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_csv_states_the_licence_and_has_the_pages_rows(world, client):
    response = client.get(reverse("public:area_csv", args=[HONGMENJIE, "resources"]))
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("# 黉门街社区")
    assert "CC BY 4.0" in lines[1]
    assert lines[2].startswith("# 来源：")
    rows = list(csv.reader(io.StringIO("\n".join(lines[3:]))))
    assert rows[0] == ["资源", "类型", "开放单位", "所在社区", "位置", "容量", "开放方式", "收费"]
    data = json.loads(client.get(reverse("public:area_json", args=[HONGMENJIE])).content)
    assert [r[0] for r in rows[1:]] == [r["name"] for r in data["sections"]["resources"]]
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="wulian-{HONGMENJIE}-resources.csv"'
    )


def test_control_characters_and_formulas_are_neutralised(world, client):
    resource = Resource.objects.filter(area__code=HONGMENJIE, is_open=True).first()
    Resource.objects.filter(pk=resource.pk).update(name='=HYPERLINK("x")\x07停车')
    text = client.get(reverse("public:area_csv", args=[HONGMENJIE, "resources"])).content.decode(
        "utf-8-sig"
    )
    assert "\x07" not in text
    assert "'=HYPERLINK" in text
    assert "\u2407停车" in text
    data = json.loads(client.get(reverse("public:area_json", args=[HONGMENJIE])).content)
    assert '=HYPERLINK("x")\u2407停车' in [r["name"] for r in data["sections"]["resources"]]
