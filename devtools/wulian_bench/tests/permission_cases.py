"""The permission matrix's rows for the tools' URLs (collected only when the tools app is installed)."""

from wulian.web.testing import UrlCase

CASES = [
    UrlCase("bench:bare", action=None, expect=200),  # the benchmarks' baseline
    # the bare write: a bearer token or nothing (a session, as the matrix's roles send, is refused)
    UrlCase("bench:bare_write", action=None, method="post", data=lambda w: {}, expect=401),
]
