"""Every change to needs: post, claim, start, fulfil, confirm, rate, cancel, release, expire,
flag / escalate, community registration and the compensation ledger.

Transitions follow ``models.TRANSITIONS``; each is a conditional UPDATE (``WHERE state IN
(...)``) inside one transaction, so that of two simultaneous changes exactly one wins and the
other gets a ValidationError — on SQLite and PostgreSQL alike.
"""

from wulian.needs.services._common import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    PHOTO_STATES,
    RATING_EDIT_DAYS,
    VERB_LABELS,
    check_hours_since_claim,
    confirm_days,
    daily_hours,
    escalate_hours,
    expire_days,
    flag_hours,
    holds_need,
    points_per_hour,
    poster_recipients,
    provider_recipients,
    validate_photos,
)
from wulian.needs.services.claiming import (
    cancel_need,
    claim_need,
    fulfil_need,
    release_need,
    start_service,
)
from wulian.needs.services.community import (
    correct_compensation,
    end_registration,
    register_in_community,
)
from wulian.needs.services.confirming import (
    confirm_need,
    decide_need,
    flag_unconfirmed_needs,
    rate_need,
    update_rating,
)
from wulian.needs.services.contact import (
    call_resident,
    contact_side,
    number_privacy_hours,
    post_need_message,
)
from wulian.needs.services.jobs import (
    expire_needs,
    flag_stale_needs,
)
from wulian.needs.services.posting import (
    add_need_photos,
    post_need,
)

__all__ = [
    "MAX_PHOTOS",
    "MAX_PHOTO_BYTES",
    "PHOTO_STATES",
    "RATING_EDIT_DAYS",
    "VERB_LABELS",
    "add_need_photos",
    "call_resident",
    "cancel_need",
    "check_hours_since_claim",
    "claim_need",
    "confirm_days",
    "confirm_need",
    "contact_side",
    "correct_compensation",
    "daily_hours",
    "decide_need",
    "end_registration",
    "escalate_hours",
    "expire_days",
    "expire_needs",
    "flag_hours",
    "flag_stale_needs",
    "flag_unconfirmed_needs",
    "fulfil_need",
    "holds_need",
    "number_privacy_hours",
    "points_per_hour",
    "post_need",
    "post_need_message",
    "poster_recipients",
    "provider_recipients",
    "rate_need",
    "register_in_community",
    "release_need",
    "start_service",
    "update_rating",
    "validate_photos",
]
