from __future__ import annotations

from typing import TYPE_CHECKING

from wulian.accounts.selectors import is_signed_in
from wulian.notifications.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from wulian.accounts.models import User


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: User | AnonymousUser | None) -> int:
    if not is_signed_in(user):
        return 0
    return Notification.objects.filter(user=user).unread().count()
