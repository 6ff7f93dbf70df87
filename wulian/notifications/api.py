"""My notifications over the API: the list, marking read, and my channels per kind. Every
endpoint reads and writes only the caller's own rows (another user's notification is a 404)."""

import datetime as dt

from django.db import transaction
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.bounds import Id, Pagination
from wulian.notifications import services
from wulian.notifications.delivery import preference_table, reach_of
from wulian.notifications.models import DeliverySettings
from wulian.notifications.selectors import notifications_for
from wulian.web.api_helpers import require

router = Router(tags=["notifications 消息通知"])


class NotificationDeliveryOut(Schema):
    channel: str
    status: str
    attempts: int
    reason: str
    sent_at: dt.datetime | None


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    deliveries: list[NotificationDeliveryOut] = Field(
        ..., description="the delivery log: SMS, e-mail, WeChat"
    )

    @staticmethod
    def resolve_deliveries(obj):
        return list(obj.deliveries.all())


class ReadOut(Schema):
    marked: int


class PreferenceRow(Schema):
    kind: str
    label: str
    urgent: bool
    channels: dict[str, bool]


class PreferencesOut(Schema):
    kinds: list[PreferenceRow]
    reachable: dict[str, bool]
    quiet_enabled: bool
    quiet_from: str | None = Field(None, description="HH:MM, Asia/Shanghai; null = the default")
    quiet_until: str | None = None


class ChannelChoice(Schema):
    kind: str
    channel: str = Field(..., description="sms | email | wechat | digest")
    enabled: bool


class PreferencesIn(Schema):
    choices: list[ChannelChoice] = []
    quiet_enabled: bool = True
    quiet_from: str | None = None
    quiet_until: str | None = None


@router.get("/", response=list[NotificationOut], url_name="notification_list", summary="我的消息")
@paginate(Pagination)
def notification_list(request, unread: bool = False):
    require(request, "notification.view")
    qs = notifications_for(request.user).prefetch_related("deliveries")
    return qs.unread() if unread else qs


@router.post("/{int:pk}/read/", response=ReadOut, url_name="notification_read", summary="标为已读")
def notification_read(request, pk: Id):
    require(request, "notification.view")
    note = get_in_scope_or_404(notifications_for(request.user), pk=pk)
    return {"marked": services.mark_read(user=request.user, notification_id=note.pk)}


@router.post(
    "/read-all/", response=ReadOut, url_name="notification_read_all", summary="全部标为已读"
)
def notification_read_all(request):
    require(request, "notification.view")
    return {"marked": services.mark_read(user=request.user)}


def _preferences(user) -> dict:
    reach = reach_of([user.pk])[user.pk]
    own = DeliverySettings.objects.filter(user=user).first()
    return {
        "kinds": preference_table(user),
        "reachable": {
            "sms": reach.sms,
            "email": reach.email,
            "wechat": reach.wechat,
            "digest": True,
        },
        "quiet_enabled": reach.quiet is not None,
        "quiet_from": own.quiet_from.strftime("%H:%M") if own and own.quiet_from else None,
        "quiet_until": own.quiet_until.strftime("%H:%M") if own and own.quiet_until else None,
    }


@router.get(
    "/preferences/",
    response=PreferencesOut,
    url_name="notification_preferences",
    summary="我的通知方式",
)
def notification_preferences(request):
    require(request, "notification.view")
    return _preferences(request.user)


@router.put(
    "/preferences/",
    response=PreferencesOut,
    url_name="notification_preferences_update",
    summary="设置我的通知方式（按类型和渠道）与免打扰时段",
)
def notification_preferences_update(request, payload: PreferencesIn):
    require(request, "notification.view")
    with transaction.atomic():
        services.set_preferences(
            user=request.user,
            by=request.user,
            choices={(c.kind, c.channel): c.enabled for c in payload.choices},
        )
        services.set_delivery_settings(
            user=request.user,
            by=request.user,
            quiet_enabled=payload.quiet_enabled,
            quiet_from=payload.quiet_from,
            quiet_until=payload.quiet_until,
        )
    return _preferences(request.user)
