from wulian.accounts.rules import EVERYONE_BUSINESS, register

register({"notification.view": EVERYONE_BUSINESS})


def can_set_preferences(user, owner) -> bool:
    """Channels and quiet hours are set by their owner only (``user`` None is the system)."""
    return user is None or user.pk == owner.pk
