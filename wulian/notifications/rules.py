from __future__ import annotations

from typing import TYPE_CHECKING

from wulian.accounts.rules import EVERYONE_BUSINESS, register

if TYPE_CHECKING:
    from wulian.accounts.models import User

register({"notification.view": EVERYONE_BUSINESS})


def can_set_preferences(user: User | None, owner: User) -> bool:
    """Channels and quiet hours are set by their owner only (``user`` None is the system)."""
    return user is None or user.pk == owner.pk
