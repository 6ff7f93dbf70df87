from django.apps import apps
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import get_language

from wulian.accounts.rules import ACTIONS, allowed_actions
from wulian.web.views_helpers import is_phone_user

# The menu's groups for one (allowed actions, phone or desk, language, script prefix): they depend
# on nothing else (no user data, no counts), so each process builds them once per combination
# instead of reversing 40 URLs and translating their labels on every page. Bounded: a set of
# actions comes from a combination of role kinds, of which there are few.
_MENUS: dict[tuple, list[tuple[str, list[dict]]]] = {}
_MENUS_MAX = 512


def _menu_groups(allowed: frozenset[str], phone: bool) -> list[tuple[str, list[dict]]]:
    key = (allowed, phone, get_language(), get_script_prefix(), len(ACTIONS))
    groups = _MENUS.get(key)
    if groups is None:
        groups = _build_menu_groups(allowed, phone)
        if len(_MENUS) >= _MENUS_MAX:
            _MENUS.clear()
        _MENUS[key] = groups
    return groups


def _build_menu_groups(allowed: frozenset[str], phone: bool) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    for config in apps.get_app_configs():
        for item in getattr(config, "menu", []):
            if item["action"] not in allowed:
                if item["action"] not in ACTIONS:
                    raise KeyError(
                        f"unknown action {item['action']!r}: register it in an app's rules.py"
                    )
                continue
            try:
                url = reverse(item.get("resident_url", item["url"]) if phone else item["url"])
            except NoReverseMatch:
                continue
            groups.setdefault(str(item["group"]), []).append(
                {
                    "label": str(item["label"]),
                    "url": url,
                    "icon": item.get("icon", "circle"),
                }
            )
    return list(groups.items())


def menu(request):
    """The left menu (staff) or the home tiles (phone). An item may name a ``resident_url``: where
    it leads residents and party members (their own page rather than the staff table). The one
    active item is the page's own: the item whose URL is the longest prefix of the path, so
    督办事项 (/meetings/actions/) lights up on an action item, 党建联席会议 (/meetings/) on a
    meeting, and never both."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu_groups": [], "show_bell": False}
    allowed = allowed_actions(user)  # one set per request, not one check per item
    path = getattr(request, "path", "")
    # The shared groups are never changed: each page gets its own items with its own active flag.
    groups = [
        (group, [{**item, "active": False} for item in items])
        for group, items in _menu_groups(allowed, is_phone_user(user))
    ]
    matching = [i for _group, items in groups for i in items if path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["active"] = True
    from wulian.notifications.selectors import unread_count

    # The bell leads to the notifications page: shown only to who may open it (the same action
    # its view requires), so the three administrators of 三员分立 never meet a 403 from the header.
    show_bell = "notification.view" in allowed
    return {
        "menu_groups": groups,
        "show_bell": show_bell,
        "unread_notifications": unread_count(user) if show_bell else 0,
    }
