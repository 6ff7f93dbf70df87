"""In real Chromium: two characters typed in 邀请单位 find an organisation, and clicking it chooses it."""

import pytest

from wulian.core.tests.browser import live_login, pick


@pytest.mark.browser
def test_type_two_characters_in_invited_orgs_and_pick_one(page, live_server, world):
    live_login(page, live_server, "city_admin")
    page.goto(live_server.url + "/meetings/new/")
    pick(page, "#id_invite_orgs", "华西", "四川大学华西医院")
    chosen = page.eval_on_selector_all(
        "select[name=invite_orgs] option:checked", "os => os.map(o => o.text)"
    )
    assert chosen == ["四川大学华西医院"]
    assert [t.strip() for t in page.locator(".wl-picker-chosen .wl-chip").all_inner_texts()] == [
        "四川大学华西医院"
    ]
