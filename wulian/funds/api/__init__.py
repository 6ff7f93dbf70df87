"""Funds, allocations, projects and facilities over the API: the same selectors and services.

One router; each module adds the operations of one subject, in the order of the paths."""

from ninja import Router

router = Router(tags=["funds 专项资金"])

from wulian.funds.api import funds, projects  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
