"""Every internal link on the home page opens for the user who sees it: no menu item, tile or
header icon (the notification bell) leads a demo login to a 403 or a 404."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from wulian.accounts.models import User
from wulian.web.demo import LOGINS

# Links that are not pages to open: leaving, files, the language switch (a POST form).
SKIPPED_PREFIXES = ("/accounts/logout", "/static/", "/media/", "/i18n/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        href = dict(attrs).get("href") or ""
        if href.startswith("/") and not href.startswith("//"):
            self.hrefs.append(href.split("#", 1)[0])


def _internal_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return sorted({h for h in parser.hrefs if h and not h.startswith(SKIPPED_PREFIXES)})


@pytest.mark.django_db
@pytest.mark.parametrize("username", [login[0] for login in LOGINS])
def test_every_link_on_the_home_page_opens_for_its_user(world, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    home = client.get("/")
    assert home.status_code == 200
    refused = {}
    for href in _internal_links(home.content.decode()):
        status = client.get(href).status_code
        if status >= 400:
            refused[href] = status
    assert refused == {}
