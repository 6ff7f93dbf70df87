"""Dispatch tables and dates follow the interface language: column labels are translated when
shown (the stored figures keep the Chinese msgid), the month uses the locale's format."""

import pytest
from django.urls import reverse
from django.utils import translation

from wulian.dispatches.models import Dispatch

pytestmark = pytest.mark.django_db


def test_dispatch_table_and_month_follow_english(client, login, world):
    dispatch = Dispatch.objects.exclude(figures={}).order_by("pk").first()
    login("city_admin")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("dispatches:detail", args=[dispatch.pk])).content.decode()
    with translation.override("en"):
        on_time = translation.gettext("按期完成")
        from django.utils.formats import date_format

        month = date_format(dispatch.period, "YEAR_MONTH_FORMAT")
    assert on_time != "按期完成"
    assert f"<th>{on_time}</th>" in html
    assert "<th>按期完成</th>" not in html
    assert month in html
    assert "年" not in month


def test_dispatch_month_stays_chinese_without_the_switch(client, login, world):
    dispatch = Dispatch.objects.exclude(figures={}).order_by("pk").first()
    login("city_admin")
    html = client.get(reverse("dispatches:detail", args=[dispatch.pk])).content.decode()
    assert f"{dispatch.period.year}年{dispatch.period.month}月" in html
    assert "<th>按期完成</th>" in html
