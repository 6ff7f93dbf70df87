"""Open311 is public: GET answers 200 to everyone; a POST without parameters answers 400 (the
spec's error list) to everyone and creates nothing."""

from wulian.reports.models import Report
from wulian.web.testing import Target, UrlCase


def _request(world) -> list[Target]:
    return [
        Target({"pk": Report.objects.order_by("pk").first().pk, "fmt": fmt})
        for fmt in ("json", "xml")
    ]


CASES = [
    UrlCase(
        "open311:services",
        action=None,
        targets=lambda w: [Target({"fmt": "json"}), Target({"fmt": "xml"})],
        expect=200,
    ),
    UrlCase(
        "open311:request_list",
        action=None,
        targets=lambda w: [Target({"fmt": "json"}), Target({"fmt": "xml"})],
        expect=200,
    ),
    UrlCase(
        "open311:request_list",
        action=None,
        method="post",
        targets=lambda w: [Target({"fmt": "json"})],
        data=lambda w: {},
        expect=400,
    ),
    UrlCase("open311:request_detail", action=None, targets=_request, expect=200),
]
