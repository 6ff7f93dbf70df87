"""What the agreements services share: settings, field lists, snapshots."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wulian.agreements.models import Agreement
from wulian.audit.services import snapshot

AGREEMENT_FIELDS = ["title", "start", "end", "note", "unit"]

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024  # a delivery's evidence (photos, sign-in sheets)


def confirm_days() -> int:
    """Days the community has to confirm a delivery before it is flagged to its admins."""
    return int(getattr(settings, "WULIAN_DELIVERY_CONFIRM_DAYS", 7))


def beneficiaries_per_service() -> int:
    """The most people one unit of a delivery (one clinic, one lecture) may be said to serve."""
    return int(getattr(settings, "WULIAN_DELIVERY_BENEFICIARIES_PER_SERVICE", 200))


ITEM_FIELDS = [
    "content",
    "standard",
    "kind",
    "target_count",
    "target_unit",
    "target_period",
    "responsible_org",
    "responsible_person",
    "resource",
    "position",
]


# Who acts for which side, and who may do what: ``agreements.rules`` (``can_<verb>(user, obj)``).


def _ensure_editable(agreement: Agreement) -> None:
    if not agreement.is_editable:
        raise ValidationError(
            {
                "status": _("“%(a)s”%(s)s，不能修改；如需变更请生成新版本。")
                % {"a": agreement, "s": agreement.get_status_display()}
            }
        )


def _agreement_snapshot(agreement: Agreement) -> dict[str, Any]:
    data = snapshot(agreement)
    data["items"] = [snapshot(i) for i in agreement.items.all()]
    return data
