from django.apps import apps
from django.urls import NoReverseMatch, reverse

from wulian.accounts.rules import ACTIONS, allowed_actions
from wulian.web.views_helpers import is_phone_user


def menu(request):
    """The left menu (staff) or the home tiles (phone). An item may name a ``resident_url``: where
    it leads residents and party members (their own page rather than the staff table). The one
    active item is the page's own: the item whose URL is the longest prefix of the path, so
    督办事项 (/meetings/actions/) lights up on an action item, 党建联席会议 (/meetings/) on a
    meeting, and never both."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu_groups": [], "show_bell": False}
    phone = is_phone_user(user)
    allowed = allowed_actions(user)  # one set per request, not one check per item
    groups: dict[str, list[dict]] = {}
    for config in apps.get_app_configs():
        for item in getattr(config, "menu", []):
            if item["action"] not in allowed:
                if item["action"] not in ACTIONS:
                    raise KeyError(f"unknown action {item['action']!r}: register it in an app's rules.py")
                continue
            try:
                url = reverse(item.get("resident_url", item["url"]) if phone else item["url"])
            except NoReverseMatch:
                continue
            groups.setdefault(str(item["group"]), []).append({
                "label": item["label"], "url": url, "icon": item.get("icon", "circle"), "active": False,
            })
    path = getattr(request, "path", "")
    matching = [i for items in groups.values() for i in items if path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["active"] = True
    from wulian.notifications.selectors import unread_count

    # The bell leads to the notifications page: shown only to who may open it (the same action
    # its view requires), so the three administrators of 三员分立 never meet a 403 from the header.
    show_bell = "notification.view" in allowed
    return {"menu_groups": list(groups.items()), "show_bell": show_bell,
            "unread_notifications": unread_count(user) if show_bell else 0}
