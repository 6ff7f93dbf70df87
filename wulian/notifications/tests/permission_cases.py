from wulian.web.testing import Target, UrlCase


def _resident_notification(world):
    """A notification addressed to resident_demo (李秀英): only she may open it."""
    from wulian.notifications.models import Notification

    user = world.users["resident_demo"]
    note = Notification.objects.create(user=user, kind="test", title="您的需求已被接单", url="/")
    return [Target({"pk": note.pk}, person=user.person)]


CASES = [
    UrlCase("notifications:list", action="notification.view"),
    UrlCase("notifications:open", action="notification.view", targets=_resident_notification),
    UrlCase("notifications:read_all", action="notification.view", method="post", data=lambda w: {}),
    UrlCase("notifications:bell", action=None),
    UrlCase("notifications:preferences", action="notification.view"),
    UrlCase(
        "notifications:preferences",
        action="notification.view",
        method="post",
        data=lambda w: {"quiet_enabled": "on"},
    ),
    UrlCase("api:notification_list", action="notification.view", api=True, expect=200),
    UrlCase(
        "api:notification_read",
        action="notification.view",
        api=True,
        method="post",
        targets=_resident_notification,
        expect=200,
    ),
    UrlCase(
        "api:notification_read_all", action="notification.view", api=True, method="post", expect=200
    ),
    UrlCase("api:notification_preferences", action="notification.view", api=True, expect=200),
    UrlCase(
        "api:notification_preferences_update",
        action="notification.view",
        api=True,
        method="put",
        data=lambda w: {"choices": [], "quiet_enabled": True},
        expect=200,
    ),
]
