"""The needs menu (群众需求 → 接单 → 服务 → 评价), community registration of party members
(在职党员到社区报到) and the compensation ledger (利益补偿), by subject: ``states`` (categories,
states, transitions), ``need`` (the need and its photos), ``ratings``, ``community`` (registration
and the ledger) and ``contact`` (messages, privacy numbers). Import them from here."""

from wulian.needs.models.community import (
    CommunityRegistration,
    CompensationEntry,
    RegistrationQuerySet,
)
from wulian.needs.models.contact import MessageSide, NeedMessage, NumberBinding
from wulian.needs.models.need import Need, NeedPhoto, NeedQuerySet, PhotoKind, split_skills
from wulian.needs.models.ratings import Rating, RatingSide, Side
from wulian.needs.models.states import (
    CONTACT_STATES,
    HELD_STATES,
    OPEN_STATES,
    TRANSITIONS,
    Category,
    NeedCategory,
    State,
    allowed,
)

__all__ = [
    "CONTACT_STATES",
    "HELD_STATES",
    "OPEN_STATES",
    "TRANSITIONS",
    "Category",
    "CommunityRegistration",
    "CompensationEntry",
    "MessageSide",
    "Need",
    "NeedCategory",
    "NeedMessage",
    "NeedPhoto",
    "NeedQuerySet",
    "NumberBinding",
    "PhotoKind",
    "Rating",
    "RatingSide",
    "RegistrationQuerySet",
    "Side",
    "State",
    "allowed",
    "split_skills",
]
