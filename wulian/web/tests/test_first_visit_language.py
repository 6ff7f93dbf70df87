"""A first visit (no language chosen yet) follows the browser's Accept-Language when it names
English or Chinese; anything else gets zh-Hans, and a language chosen with the switch wins."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,en;q=0.5", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),
        ("zh", "zh-hans"),
        ("fr-FR,de;q=0.8", "zh-hans"),
        ("", "zh-hans"),
    ],
)
def test_a_first_visit_follows_the_browser(client, accept, language):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.headers["Content-Language"] == language
    assert "Accept-Language" in response.headers["Vary"]


def test_an_english_browser_reads_the_login_page_in_english(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Password" in page
    assert "密码" not in page


def test_the_chosen_language_wins_over_the_browser(client):
    client.cookies["django_language"] = "zh-hans"
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "zh-hans"
