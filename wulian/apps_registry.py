"""The domain apps of the platform, in menu order.

Every app is a package under ``wulian``; ``settings``, the root URLconf, the API and the
left menu all read this one list, so adding an app is one line here.
"""

FOUNDATION_APPS = ["core", "audit", "accounts", "areas", "orgs", "people"]

# The four linkages and the figures; an app is installed once its package exists.
DOMAIN_APPS = [
    "notifications",
    "exports",
    # 条块联管 / 组织联建
    "meetings",
    "cases",
    "alliances",
    "councils",
    "funds",
    "activities",
    # 利益联结
    "needs",
    "resources",
    "centres",
    "agreements",
    # 责任联动
    "duties",
    "dispatches",
    "schedules",
    "evaluations",
    "assessments",
    # 数据
    "figures",
    # 居民与公众：随手拍、公开信息与开放数据、Open311
    "reports",
    "public",
    "open311",
]


def installed_domain_apps() -> list[str]:
    from pathlib import Path

    here = Path(__file__).resolve().parent
    return [name for name in DOMAIN_APPS if (here / name / "apps.py").exists()]


# The web layer on top (view and API helpers, menu, pickers, demo loader): above every domain app.
WEB_APPS = ["web"]


def all_apps() -> list[str]:
    return FOUNDATION_APPS + installed_domain_apps() + WEB_APPS


# Development tools outside the product package (devtools/: the benchmarks, the scale generator,
# the bare baseline endpoint). Installed only when importable and switched on
# (settings.WULIAN_TOOLS), never in production; nothing in wulian imports them at module level.
TOOLS_APPS = ["wulian_bench"]


def available_tools_apps() -> list[str]:
    from importlib.util import find_spec

    return [name for name in TOOLS_APPS if find_spec(name) is not None]
