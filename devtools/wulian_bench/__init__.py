"""五联's development tools: the benchmarks (``wulian bench …``), the case-scale city generator
(``wulian demo --scale chengdu``) and the bare baseline endpoint they compare against
(``/bench/bare``).

A separate package, never part of the product: ``make`` installs it in editable mode, and
``wulian.settings`` installs the app only when it is importable and the tools are switched on
(``WULIAN_TOOLS``; on by default in development and tests, off in ``make prod``).
"""
