import pytest
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.cases.models import Case
from wulian.core.tests.spreadsheet_files import post_confirm, post_upload, row_errors, xlsx_bytes
from wulian.web.demo import HONGMENJIE, XIHUAMEN

HEADER = ["*所在区域代码", "*类别", "*标题", "当事方", "*情况描述"]


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login("xihuamen_admin")
    return world


def _counts():
    return Case.objects.count(), AuditEntry.objects.count()


def test_a_good_ledger_imports_every_case_through_the_service(admin, client):
    url = reverse("cases:import")
    rows = [
        HEADER,
        [XIHUAMEN, "物业管理", "电梯停运", "5号院业主", "电梯停运一周"],
        [XIHUAMEN, "停车管理", "占用消防通道", "", "夜间停车堵塞消防通道"],
    ]
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert row_errors(preview) == []
    assert _counts() == before
    assert post_confirm(client, url, preview).status_code == 302
    assert sorted(
        Case.objects.filter(title__in=["电梯停运", "占用消防通道"]).values_list(
            "category", flat=True
        )
    ) == ["parking", "property_management"]
    assert AuditEntry.objects.filter(action="case.create", channel="import").count() >= 2


def test_a_bad_row_is_named_and_nothing_is_written(admin, client):
    url = reverse("cases:import")
    rows = [HEADER, [XIHUAMEN, "物业管理", "好行", "", "描述"], [HONGMENJIE, "打架", "", "", ""]]
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert {(r, c) for r, c, _ in row_errors(preview)} >= {(3, "类别"), (3, "标题")}
    refused = post_confirm(client, url, preview)
    assert refused.context["refused"] is True
    assert _counts() == before
