"""The needs' vocabulary: categories, states and the one table of allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedCategory(models.TextChoices):
    ELDERLY = "elderly", _("助老助残")
    HEALTH = "health", _("医疗健康")
    REPAIR = "repair", _("维修服务")
    LEGAL = "legal", _("法律咨询")
    EDUCATION = "education", _("教育辅导")
    CULTURE = "culture", _("文体活动")
    CHILDCARE = "childcare", _("儿童关爱")
    ENVIRONMENT = "environment", _("环境整治")
    OTHER = "other", _("其他")


Category = NeedCategory  # named apart from cases' category so that OpenAPI names stay unique


class State(models.TextChoices):
    POSTED = "posted", _("待接单")
    CLAIMED = "claimed", _("已接单")
    IN_SERVICE = "in_service", _("服务中")
    DONE = "done", _("已完成")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("未予认定")
    CANCELLED = "cancelled", _("已取消")
    EXPIRED = "expired", _("已过期")


# States in which exactly one provider holds the need.
HELD_STATES = [State.CLAIMED, State.IN_SERVICE, State.DONE, State.CONFIRMED, State.REJECTED]
# States in which the provider and the resident are in contact (address, number, messages).
CONTACT_STATES = [State.CLAIMED, State.IN_SERVICE, State.DONE]
OPEN_STATES = [State.POSTED, State.CLAIMED, State.IN_SERVICE, State.DONE]

# The one table of allowed transitions: verb → (from states, to state). "release" puts a need
# back on the menu (state posted) with the reason recorded.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "claim": (frozenset({State.POSTED}), State.CLAIMED),
    "start": (frozenset({State.CLAIMED}), State.IN_SERVICE),
    "fulfil": (frozenset({State.CLAIMED, State.IN_SERVICE}), State.DONE),
    "confirm": (frozenset({State.DONE}), State.CONFIRMED),
    # After the confirmation deadline the community decides: confirm (as above) or reject.
    "reject": (frozenset({State.DONE}), State.REJECTED),
    "cancel": (frozenset({State.POSTED, State.CLAIMED}), State.CANCELLED),
    "release": (frozenset({State.CLAIMED, State.IN_SERVICE}), State.POSTED),
    "expire": (frozenset({State.POSTED}), State.EXPIRED),
}


def allowed(verb: str, state: str) -> bool:
    return state in TRANSITIONS[verb][0]
