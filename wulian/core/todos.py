"""'My to-dos' on the home page: each app may register a function returning items for a user.

An item is a dict: {"label": str, "url": str, "count": int, "level": "danger"|"warning"|"info"}.
"""

from collections.abc import Callable
from typing import Any

_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> Callable:
    _PROVIDERS.append(provider)
    return provider


def todos_for(user: Any) -> list[dict[str, Any]]:
    items: list[dict] = []
    for provider in _PROVIDERS:
        items.extend(item for item in provider(user) if item.get("count", 1))
    return items
