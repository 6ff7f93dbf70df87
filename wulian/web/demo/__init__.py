"""Demo data of the case study: real places and units, one login per role.

``load_foundation`` builds the shared world; every domain app may add its part in its own
``demo.py`` with ``load(world)`` (and ``late(world)`` for rows that need a later app), called in
app order by ``wulian demo``.
"""

from importlib import import_module
from importlib.util import find_spec

from django.db import transaction

from wulian.accounts.models import User
from wulian.apps_registry import all_apps
from wulian.areas.models import Area
from wulian.areas.services import DATA_DIR, load_areas
from wulian.core import counters
from wulian.orgs.models import Org
from wulian.web.demo.cast import (
    ADDRESSES,
    AREA_CODES,
    CHENGHUA,
    CITY,
    DEMO_PASSWORD,
    HONGMENJIE,
    LOGINS,
    ONBOARDED,
    ORG_NAMES,
    PERSON_NAMES,
    QINGLONG,
    QINGYANG,
    QINGYUAN,
    SUPO,
    WUHOU,
    XIHUAMEN,
    XIYUHE,
    YULIN,
    ZHIQIANG,
    World,
    credit_code,
    id_number,
)
from wulian.web.demo.orgs import load_orgs
from wulian.web.demo.people import load_logins, load_people


def load_foundation() -> World:
    world = World()
    load_areas(city_code="5101", from_dir=DATA_DIR / "5101", by=None)
    world.areas = {a.code: a for a in Area.objects.filter(code__in=AREA_CODES)}
    load_orgs(world)
    load_people(world)
    load_logins(world)
    # The organizations and people were registered when the platform started, before anything the
    # apps' demos record about them (the services stamp the time they run).
    from wulian.people.models import Person

    counters.update(
        Org.objects.filter(pk__in=[o.pk for o in world.orgs.values()]), created_at=ONBOARDED
    )
    counters.update(
        Person.objects.filter(pk__in=[p.pk for p in world.people.values()]), created_at=ONBOARDED
    )
    return world


def world_from_db() -> World:
    """The demo world as stored (for tests and for apps' demo loaders run later)."""
    world = World()
    world.areas = {a.code: a for a in Area.objects.filter(code__in=AREA_CODES)}
    by_name = {o.name: o for o in Org.objects.select_related("area", "leads")}
    world.orgs = {key: by_name[name] for key, name in ORG_NAMES.items() if name in by_name}
    from wulian.people.models import Person

    people = {p.name: p for p in Person.objects.select_related("home_area")}
    world.people = {key: people[name] for key, name in PERSON_NAMES.items() if name in people}
    world.users = {u.username: u for u in User.objects.filter(username__in=[x[0] for x in LOGINS])}
    return world


def demo_loaded() -> bool:
    return User.objects.filter(username="city_admin").exists()


def load_demo() -> World:
    with transaction.atomic():
        world = load_foundation()
        loaders = [
            import_module(f"wulian.{name}.demo")
            for name in all_apps()
            if name not in ("core", "web") and find_spec(f"wulian.{name}.demo") is not None
        ]
        for loader in loaders:
            loader.load(world)
        # Then each app's late(world): rows that need an app loaded after it (a council's
        # resolution becomes a project of the funds, which load after the councils).
        for loader in loaders:
            if hasattr(loader, "late"):
                loader.late(world)
    return world


__all__ = [
    "ADDRESSES",
    "AREA_CODES",
    "CHENGHUA",
    "CITY",
    "DEMO_PASSWORD",
    "HONGMENJIE",
    "LOGINS",
    "ONBOARDED",
    "ORG_NAMES",
    "PERSON_NAMES",
    "QINGLONG",
    "QINGYANG",
    "QINGYUAN",
    "SUPO",
    "WUHOU",
    "World",
    "XIHUAMEN",
    "XIYUHE",
    "YULIN",
    "ZHIQIANG",
    "credit_code",
    "demo_loaded",
    "id_number",
    "load_demo",
    "load_foundation",
    "world_from_db",
]
