"""Shared resources and bookings over the API: the same selectors and services as the pages.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["resources 共享资源与预约"])

from wulian.resources.api import bookings, resources  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
