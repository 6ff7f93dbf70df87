"""Service agreements over the API: the same selectors and services as the pages.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["agreements 共建协议"])

from wulian.agreements.api import agreements, deliveries  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
