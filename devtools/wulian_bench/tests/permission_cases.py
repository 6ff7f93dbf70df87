"""The permission matrix's rows for the tools' URLs (collected only when the tools app is installed)."""

from wulian.web.testing import UrlCase

CASES = [
    UrlCase("bench:bare", action=None, expect=200),  # the benchmarks' baseline
]
