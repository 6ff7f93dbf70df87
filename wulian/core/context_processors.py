from django.apps import apps
from django.urls import NoReverseMatch, reverse

from wulian.accounts.rules import has_action


def menu(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu_groups": []}
    current = getattr(getattr(request, "resolver_match", None), "namespace", "")
    groups: dict[str, list[dict]] = {}
    for config in apps.get_app_configs():
        for item in getattr(config, "menu", []):
            if not has_action(user, item["action"]):
                continue
            try:
                url = reverse(item["url"])
            except NoReverseMatch:
                continue
            groups.setdefault(str(item["group"]), []).append({
                "label": item["label"], "url": url, "icon": item.get("icon", "circle"),
                "active": item["url"].split(":")[0] == current,
            })
    from wulian.notifications.selectors import unread_count

    return {"menu_groups": list(groups.items()), "unread_notifications": unread_count(user)}
