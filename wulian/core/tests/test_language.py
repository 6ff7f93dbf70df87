def test_pages_are_chinese_for_a_browser_that_names_neither_language(client, world):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    assert "用户名" in response.content.decode()


def test_the_language_switch_sets_english(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    response = client.get("/accounts/login/")
    assert response.headers["Content-Language"] == "en"


def test_an_english_request_does_not_leave_the_thread_in_english(client, world):
    from django.utils.translation import get_language

    client.cookies["django_language"] = "en"
    client.get("/accounts/login/")
    assert get_language() == "zh-hans"
