"""A council vote in real Chromium: staff open it, a resident votes on her phone, staff record a
paper vote and close it, and the resident sees the published result."""

import pytest
from django.urls import reverse

from wulian.core.tests.browser import TIMEOUT_MS, live_login
from wulian.councils import services
from wulian.councils.models import Council, VoteCast
from wulian.web.demo import DEMO_PASSWORD, HONGMENJIE

pytestmark = pytest.mark.browser


def _confirm(page) -> None:
    page.click("#wl-confirm-ok")


def test_a_council_vote_from_opening_to_published_result(page, browser, live_server, world):
    council = Council.objects.get(community__code=HONGMENJIE)
    topic = services.raise_topic(
        by=None,
        council=council,
        title="楼道堆物集中清理",
        description="清理3号楼楼道堆放杂物，设置临时存放点。",
    )
    topic_url = live_server.url + reverse("councils:topic_detail", args=[topic.pk])

    # The community admin opens an open ballot with a quorum of 2.
    live_login(page, live_server, "hongmenjie_admin")
    page.goto(topic_url)
    page.select_option("#open-form select[name=ballot]", "open")
    page.fill("#open-form input[name=quorum]", "2")
    page.click("#open-voting")
    page.wait_for_selector("#topic-status:has-text('表决中')")

    # The resident votes on her phone.
    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone.set_default_timeout(TIMEOUT_MS)
    resident = phone.new_page()
    resident.goto(live_server.url + reverse("accounts:login"))
    resident.fill("#id_username", "resident_demo")
    resident.fill("#id_password", DEMO_PASSWORD)
    resident.click("#login-form button[type=submit]")
    resident.wait_for_load_state()
    resident.goto(live_server.url + reverse("councils:my"))
    resident.click("text=楼道堆物集中清理")
    resident.wait_for_selector("#vote-form")
    assert resident.locator("#results").count() == 0
    resident.click("label[for=vote-yes]")
    resident.click("#vote-submit")
    _confirm(resident)
    resident.wait_for_selector("#voted")
    assert resident.locator("#results").count() == 0  # not before closing

    # Staff record 郑伟's paper vote, then close and publish.
    page.reload()
    zheng = council.members.get(seat=3)
    page.select_option("#offline-form select[name=member]", str(zheng.pk))
    page.select_option("#offline-form select[name=choice]", "yes")
    page.click("#offline-form button")
    page.wait_for_selector("text=线下表决已代录。")
    page.click("#close-voting")
    _confirm(page)
    page.wait_for_selector("#outcome:has-text('通过')")
    assert page.inner_text("#tally-yes") == "2"

    # The resident sees the published result.
    resident.reload()
    resident.wait_for_selector("#results")
    assert resident.inner_text("#outcome") == "通过"
    assert list(
        VoteCast.objects.filter(topic=topic)
        .order_by("member__seat")
        .values_list("member__seat", "offline")
    ) == [(1, False), (3, True)]
    phone.close()
