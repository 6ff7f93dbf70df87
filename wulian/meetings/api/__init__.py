"""Joint meetings, decisions and action items over the API: the same selectors and services.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["meetings 联席会议与督办"])

from wulian.meetings.api import action_items, meetings  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
