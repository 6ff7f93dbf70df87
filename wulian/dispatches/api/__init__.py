"""Dispatches, criticism, rectification, inspections and inquiries over the API: the same
selectors and services as the pages.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["dispatches 调度通报·督导·整改·问询"])

from wulian.dispatches.api import dispatches, oversight  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
