"""Councils over the API: the same selectors and services as the pages. Results of a vote are
returned only once it is closed; a secret ballot never returns who chose what.

One router; each module adds the operations of one subject."""

from ninja import Router

router = Router(tags=["councils 居民议事会"])

from wulian.councils.api import councils, topics  # noqa: E402, F401 (they add the operations)

__all__ = ["router"]
