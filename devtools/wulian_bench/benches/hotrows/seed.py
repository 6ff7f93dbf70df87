"""In the child process: the territory and the writers' users of the benchmark."""

from __future__ import annotations

from typing import Any


def _area(parent, level: str, code: str, name: str):
    from wulian.areas.models import Area

    path = f"{parent.path if parent else ''}{code}/"
    return Area.objects.create(
        level=level,
        code=code,
        name=name,
        parent=parent,
        path=path,
        depth=parent.depth + 1 if parent else 0,
        is_urban=True,
    )


def _writer_users(community, tag: str, index: int) -> tuple[Any, Any]:
    """A resident of ``community`` and the contact of a unit located there, through the services
    where the platform has them."""
    from wulian.accounts.models import RoleKind, User
    from wulian.accounts.services import grant_role
    from wulian.orgs.models import Kind, Org
    from wulian.people.services import create_person

    leader = Org.objects.get(leads=community)
    person = create_person(
        by=None, name=f"压测居民{index}", phone=f"139{index:08d}", home_area=community
    )
    resident = User.objects.create(username=f"hot-{tag}-r{index:03d}", person=person)
    grant_role(user=resident, kind=RoleKind.RESIDENT, org=leader, by=None)
    unit = Org.objects.create(name=f"压测单位{index}", kind=Kind.PRIVATE_FIRM, area=community)
    contact = User.objects.create(username=f"hot-{tag}-u{index:03d}")
    grant_role(user=contact, kind=RoleKind.UNIT_CONTACT, org=unit, by=None)
    return resident, contact


def seed(*, writers: int, tag: str) -> dict[str, list[tuple[Any, Any]]]:
    from django.core.management import call_command

    from wulian.areas.models import Level
    from wulian.figures import services as figures
    from wulian.orgs.models import Kind, Org, PartyBody

    call_command("migrate", verbosity=0, interactive=False)
    city = _area(None, Level.CITY, "990000000000", "压测市")
    district = _area(city, Level.DISTRICT, "990100000000", "压测区")
    streets = [
        _area(district, Level.STREET, f"990101{s + 1:03d}000", f"压测街道{s + 1}") for s in range(4)
    ]
    communities = [
        _area(
            streets[i % 4],
            Level.COMMUNITY,
            f"990101{i % 4 + 1:03d}{i // 4 + 1:03d}",
            f"压测社区{i + 1}",
        )
        for i in range(writers)
    ]
    for c in communities:
        Org.objects.create(
            name=f"{c.name}党委",
            kind=Kind.PARTY_ORG,
            leads=c,
            area=c,
            party_body=PartyBody.COMMITTEE,
        )
    users = {
        "own": [_writer_users(c, tag, i) for i, c in enumerate(communities)],
        "one": [_writer_users(communities[0], tag, writers + i) for i in range(writers)],
    }
    figures.recompute()  # the areas and units above were written without counters
    return users
