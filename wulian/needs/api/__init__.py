"""The needs menu over the API: the same selectors and services as the pages.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["needs 群众需求"])

from wulian.needs.api import ledger, needs  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
