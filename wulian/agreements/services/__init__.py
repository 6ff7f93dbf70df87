"""Every change to service agreements, their items and deliveries.

Life of an agreement: draft → awaiting confirmation (submitted) → in force (both the area's party
organization and the unit confirmed) → ended. A change to an agreement in force is a new version
(``revise_agreement``): a draft copy with the next version number that points at the previous
one; when the new version comes into force the previous one becomes "superseded" and stays
read-only.
"""

from wulian.agreements.services._common import (
    AGREEMENT_FIELDS,
    EVIDENCE_MAX_BYTES,
    ITEM_FIELDS,
    beneficiaries_per_service,
    confirm_days,
)
from wulian.agreements.services.agreements import (
    confirm_agreement,
    create_agreement,
    end_agreement,
    revise_agreement,
    submit_agreement,
    update_agreement,
)
from wulian.agreements.services.deliveries import (
    confirm_delivery,
    flag_unconfirmed_deliveries,
    record_delivery,
    reject_delivery,
)
from wulian.agreements.services.items import add_item, remove_item, update_item

__all__ = [
    "AGREEMENT_FIELDS",
    "EVIDENCE_MAX_BYTES",
    "ITEM_FIELDS",
    "add_item",
    "beneficiaries_per_service",
    "confirm_agreement",
    "confirm_days",
    "confirm_delivery",
    "create_agreement",
    "end_agreement",
    "flag_unconfirmed_deliveries",
    "record_delivery",
    "reject_delivery",
    "remove_item",
    "revise_agreement",
    "submit_agreement",
    "update_agreement",
    "update_item",
]
