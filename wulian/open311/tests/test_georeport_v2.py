"""Open311 GeoReport v2 with requests taken from the specification's examples
(wiki.open311.org/GeoReport_v2): services, POST a request (the spec's form-encoded example, with
its contact fields and attribute[] that wulian does not keep), GET requests with the spec's
date and status filters, GET one request; JSON and XML; errors in the spec's format, and a bad
request creates nothing."""

import json
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.reports.models import Report
from wulian.web.demo import HONGMENJIE

# The specification's POST example, as sent (form-encoded), with its San Francisco coordinates.
SPEC_POST = {
    "api_key": "xyz",
    "jurisdiction_id": "city.gov",
    "service_code": "001",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit333@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
    "attribute[WHISETN]": "123",
    "attribute[ASSIGNED_AGENCY][]": "PUBLIC_WORKS",
}


def _url(name, fmt="json", **kwargs):
    return reverse(f"open311:{name}", kwargs={"fmt": fmt, **kwargs})


def _xml(content: bytes) -> ElementTree.Element:
    """The endpoint's XML answer: this platform's own output, not untrusted input (no defusedxml)."""
    return ElementTree.fromstring(content)  # noqa: S314 (our own endpoint's answer)


def _chengdu_post(world, **changes):
    """The spec's example made to fit here: our jurisdiction, a service code, a place in 黉门街社区,
    and a resident's API token as api_key."""
    data = dict(
        SPEC_POST,
        jurisdiction_id="chengdu",
        service_code="road",
        lat="30.641200",
        long="104.063500",
        api_key=create_token(user=world.users["resident_demo"], by=None),
    )
    data.update(changes)
    return data


def test_services_list_the_categories(world, client):
    services = json.loads(client.get(_url("services")).content)
    assert [s["service_code"] for s in services] == [
        "road",
        "sanitation",
        "greenery",
        "parking",
        "noise",
        "facility",
        "safety",
        "other",
    ]
    assert services[0] == {
        "service_code": "road",
        "service_name": "道路设施",
        "description": "随手拍：道路设施",
        "metadata": False,
        "type": "realtime",
        "keywords": "道路设施",
        "group": "随手拍",
    }
    root = _xml(client.get(_url("services", "xml")).content)
    assert root.tag == "services"
    assert root.find("service/service_code").text == "road"
    assert root.find("service/metadata").text == "false"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_creates_a_request_and_get_returns_it(world, client, fmt):
    response = client.post(_url("request_list", fmt), _chengdu_post(world))
    assert response.status_code == 200
    if fmt == "json":
        created = json.loads(response.content)
        assert list(created[0]) == ["service_request_id", "service_notice", "account_id"]
        pk = int(created[0]["service_request_id"])
    else:
        root = _xml(response.content)
        assert root.tag == "service_requests"
        pk = int(root.find("request/service_request_id").text)
    report = Report.objects.get(pk=pk)
    assert (report.category, report.channel, report.area.code, report.reporter) == (
        "road",
        "open311",
        HONGMENJIE,
        world.people["li_xiuying"],
    )
    assert "smith" not in report.address
    assert report.address == "1234 5th street"
    one = json.loads(client.get(_url("request_detail", pk=pk)).content)
    assert len(one) == 1
    assert one[0]["service_request_id"] == str(pk)
    assert (
        one[0]["status"],
        one[0]["service_code"],
        one[0]["lat"],
        one[0]["long"],
        one[0]["address_id"],
    ) == ("open", "road", 30.641, 104.064, HONGMENJIE)


def test_get_requests_with_the_specs_filters(world, client):
    pk = json.loads(client.post(_url("request_list"), _chengdu_post(world)).content)[0][
        "service_request_id"
    ]
    # The spec's example: start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open
    old = json.loads(
        client.get(
            _url("request_list"),
            {
                "start_date": "2010-05-24T00:00:00Z",
                "end_date": "2010-06-24T00:00:00Z",
                "status": "open",
            },
        ).content
    )
    assert old == []
    now = json.loads(
        client.get(_url("request_list"), {"status": "open", "service_code": "road"}).content
    )
    assert pk in [r["service_request_id"] for r in now]
    closed = json.loads(client.get(_url("request_list"), {"status": "closed"}).content)
    assert pk not in [r["service_request_id"] for r in closed]
    xml = _xml(client.get(_url("request_list", "xml"), {"service_request_id": pk}).content)
    assert [e.text for e in xml.findall("request/service_request_id")] == [pk]


def test_the_public_list_holds_no_personal_data(world, client):
    client.post(
        _url("request_list"),
        _chengdu_post(world, description="井盖缺失，联系我13880001002，身份证510107195808212026"),
    )
    text = client.get(_url("request_list")).content.decode()
    assert "李秀英" not in text
    assert "13880001002" not in text
    assert "510107195808212026" not in text
    assert "138****1002" in text
    for key in ("email", "first_name", "last_name", "phone", "device_id", "account_id"):
        assert f'"{key}"' not in text


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"service_code": "001"}, 400, "service_code “001” 不存在"),
        ({"service_code": ""}, 400, "缺少 service_code"),
        ({"lat": "", "long": "", "address_string": "", "address_id": ""}, 400, "缺少位置"),
        ({"lat": "37.76524078", "long": "-122.4212043"}, 400, "不在成都市范围内"),
        (
            {"address_id": "999999999999", "lat": "", "long": ""},
            400,
            "address_id “999999999999” 不是本市的社区或网格代码",
        ),
        ({"api_key": "xyz"}, 403, "api_key 无效"),
        ({"jurisdiction_id": "city.gov"}, 404, "jurisdiction_id “city.gov” 不存在"),
    ],
)
def test_bad_requests_get_the_specs_errors_and_create_nothing(
    world, client, changes, status, words
):
    before = Report.objects.count()
    response = client.post(_url("request_list"), _chengdu_post(world, **changes))
    assert response.status_code == status
    errors = json.loads(response.content)
    assert errors[0]["code"] == status
    assert words in errors[0]["description"]
    assert Report.objects.count() == before


def test_the_specs_own_example_is_refused_with_xml_errors(world, client):
    before = Report.objects.count()
    response = client.post(_url("request_list", "xml"), dict(SPEC_POST, jurisdiction_id=""))
    assert response.status_code == 400
    root = _xml(response.content)
    assert root.tag == "errors"
    assert root.find("error/code").text == "400"
    assert "service_code “001” 不存在" in root.find("error/description").text
    assert Report.objects.count() == before


def test_unknown_request_is_404_in_the_specs_format(world, client):
    response = client.get(_url("request_detail", pk=999999))
    assert response.status_code == 404
    assert json.loads(response.content) == [
        {"code": 404, "description": "服务请求 999999 不存在。"}
    ]


def test_open311_is_throttled_per_address(world, client, settings):
    settings.WULIAN_RATE_PUBLIC_READ_IP = "2/m"
    assert [client.get(_url("services")).status_code for _ in range(3)] == [200, 200, 429]
    response = client.get(_url("services"))
    assert json.loads(response.content)[0]["code"] == 429
    assert int(response["Retry-After"]) > 0
