"""The audit page's channel filter (页面/接口/导入/命令/任务) follows the user's language, and so
does the resident's greeting (found by a new-user trial in English)."""

from django.utils import translation

from wulian.core.channels import CHANNEL_CHOICES


def test_the_channel_labels_are_translated():
    with translation.override("en"):
        assert [str(label) for _value, label in CHANNEL_CHOICES] == [
            "Page",
            "API",
            "Import",
            "Command",
            "Job",
        ]
    with translation.override("zh-hans"):
        assert [str(label) for _value, label in CHANNEL_CHOICES] == [
            "页面",
            "接口",
            "导入",
            "命令",
            "任务",
        ]


def test_the_residents_greeting_is_one_sentence_in_english(world, client, login):
    user = login("resident_demo")
    client.cookies["django_language"] = "en"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Hello, {user}" in page
    assert "Hello，" not in page
