"""The report lists answer in the same number of queries however many rows they show."""

from django.urls import reverse

from wulian.reports import services
from wulian.reports.tests.photos import jpeg_with_exif
from wulian.web.demo import HONGMENJIE
from wulian.web.testing import assert_flat_queries, links_to, query_guard


def _add(world):
    def add():
        for i in range(3):
            services.submit_report(
                by=world.users["resident_demo"],
                category="road",
                area=world.areas[HONGMENJIE],
                description=f"路面坑洼{i}。",
                photos=[jpeg_with_exif()],
            )

    return add


@query_guard("reports:list", "reports:mine_list")
def test_report_lists_are_flat(world, client):
    client.force_login(world.users["hongmenjie_admin"])
    assert_flat_queries(client, reverse("reports:list"), _add(world), grows_by=3)
    client.force_login(world.users["resident_demo"])
    assert_flat_queries(
        client,
        reverse("reports:mine_list"),
        _add(world),
        grows_by=3,
        rows=links_to("reports:mine_detail"),
    )


@query_guard("open311:request_list")
def test_open311_list_is_flat(world, client):
    assert_flat_queries(
        client, reverse("open311:request_list", args=["json"]), _add(world), grows_by=3
    )
