"""The permission matrix's rows for the audit trail (the audit admin's alone, not scoped)."""

from wulian.audit.models import AuditEntry
from wulian.web.testing import Target, UrlCase


def _entry(world) -> list[Target]:
    return [Target({"pk": AuditEntry.objects.order_by("id").values_list("pk", flat=True).first()})]


CASES = [
    UrlCase("audit:list", action="audit.view", expect=200),
    UrlCase("audit:detail", action="audit.view", targets=_entry, expect=200),
    UrlCase("audit:export", action="audit.export", expect=200),
]
