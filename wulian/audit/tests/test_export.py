import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.audit.seals import verify_chain
from wulian.audit.services import record
from wulian.core import channels
from wulian.core.tests.spreadsheet_files import read_xlsx

HEADER = [
    "编号",
    "时间",
    "操作人",
    "操作",
    "对象类型",
    "对象编号",
    "对象",
    "渠道",
    "变更前",
    "变更后",
    "哈希",
]


@pytest.fixture
def auditor(world, login):
    login("audit_admin")
    return world


def test_export_holds_the_filtered_entries_with_local_times_and_is_itself_audited(auditor, client):
    with channels.using(channels.IMPORT):
        entry = record(
            actor=None,
            action="test.export_probe",
            object_type="test.thing",
            object_id="7",
            object_repr='=HYPERLINK("http://x","y")',
            after={"名称": "西华门社区"},
        )
    response = client.get(
        reverse("audit:export"), {"action": "test.export_probe", "channel": "import"}
    )
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            entry.pk,
            timezone.localtime(entry.at).replace(tzinfo=None, microsecond=0),
            "system",
            "test.export_probe",
            "test.thing",
            "7",
            '\'=HYPERLINK("http://x","y")',
            "导入",
            None,
            '{"名称": "西华门社区"}',
            entry.hash,
        ]
    ]
    assert rows[1][1] - entry.at.replace(tzinfo=None, microsecond=0) == dt.timedelta(hours=8)
    trace = AuditEntry.objects.latest("id")
    assert (trace.action, trace.actor_name, trace.after) == (
        "audit.export",
        "audit_admin",
        {"count": 1, "filters": {"action": "test.export_probe", "channel": "import"}},
    )
    assert verify_chain()[1] is None


def test_export_without_filters_holds_every_entry(auditor, client):
    ids = list(AuditEntry.objects.order_by("-id").values_list("pk", flat=True))
    rows = read_xlsx(client.get(reverse("audit:export")).content)
    assert [r[0] for r in rows[1:]] == ids


@pytest.mark.parametrize("username", ["city_admin", "system_admin", "security_admin"])
def test_only_the_audit_admin_may_export_the_audit_log(world, login, client, username):
    login(username)
    before = AuditEntry.objects.count()
    assert client.get(reverse("audit:export")).status_code == 403
    assert AuditEntry.objects.count() == before
