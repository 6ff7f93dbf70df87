"""In the child process: seed the benchmark's database, and count what it holds after a run."""

from __future__ import annotations

import datetime as dt
from typing import Any


def seed(*, clients: int, needs: int, runs: int, tag: str) -> dict[str, Any]:  # noqa: PLR0914
    from django.core.management import call_command
    from django.utils import timezone

    from wulian.accounts.models import Role, RoleKind, User
    from wulian.accounts.services import create_token
    from wulian.areas.models import Area
    from wulian.meetings.models import ActionItem, ActionStatus
    from wulian.needs import services as need_services
    from wulian.needs.models import Category
    from wulian.orgs.models import Kind, Org
    from wulian.people import services as people_services
    from wulian.resources import services as resource_services
    from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG, demo_loaded, load_demo
    from wulian_bench.views import create_write_table

    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    create_write_table()
    communities = [Area.objects.get(code=c) for c in (HONGMENJIE, XIHUAMEN, QINGYUAN, ZHIQIANG)]
    in_use = communities[: min(len(communities), clients)]
    every_day = [(d, dt.time(0), dt.time(23, 59)) for d in range(7)]
    per_community: dict[str, dict[str, Any]] = {}
    residents: dict[str, User] = {}
    out_clients = []
    for i in range(clients):
        community = in_use[i % len(in_use)]
        leader = Org.objects.get(leads=community)
        org = Org.objects.create(
            name=f"压测单位-{tag}-{i:02d}", kind=Kind.PRIVATE_FIRM, area=community
        )
        contact = User.objects.create(username=f"bench-{tag}-unit-{i:02d}")
        Role.objects.create(user=contact, kind=RoleKind.UNIT_CONTACT, org=org)
        person = people_services.create_person(
            by=None,
            name=f"压测居民{i:02d}",
            phone=f"139{abs(hash(tag)) % 10000:04d}{i:04d}",
            home_area=community,
        )
        resident = User.objects.create(username=f"bench-{tag}-resident-{i:02d}", person=person)
        Role.objects.create(user=resident, kind=RoleKind.RESIDENT, org=leader)
        residents.setdefault(community.code, resident)
        if community.code not in per_community:
            resource = resource_services.create_resource(
                by=None,
                org=org,
                name=f"压测场地-{tag}-{community.code}",
                kind="venue",
                area=community,
                capacity=1,
                hours=every_day,
                per_person_day=1000,
                per_person_week=1000,
                per_household_day=1000,
                per_household_week=1000,
            )
            per_community[community.code] = {
                "resource": resource.pk,
                "needs": [[] for _ in range(runs)],
            }
        out_clients.append(
            {
                "community": community.code,
                "unit": create_token(user=contact, by=None),
                "resident": create_token(user=resident, by=None),
            }
        )
    for run_ in range(runs):
        for n in range(needs):
            community = in_use[n % len(in_use)]
            need = need_services.post_need(
                by=residents[community.code],
                title=f"压测需求-{tag}-{run_}-{n}",
                category=Category.OTHER,
                description="基准测试生成的需求。",
            )
            per_community[community.code]["needs"][run_].append(need.pk)
    reporter = User.objects.get(username="qingyuan_pm_contact")
    item = (
        ActionItem.objects.exclude(status=ActionStatus.ACCEPTED)
        .filter(title="公示物业服务收费标准和服务内容")
        .values_list("pk", flat=True)
        .first()
    )
    first_slot = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(
        days=1
    )
    return {
        "clients": out_clients,
        "communities": per_community,
        "action_item": item,
        "reporter": create_token(user=reporter, by=None),
        "first_slot": first_slot.isoformat(),
    }


def check(seeded: dict[str, Any]) -> dict[str, int]:
    """What the database holds: needs held among those seeded, and active bookings beyond one per
    slot on the seeded resources."""
    from django.db.models import Count

    from wulian.needs.models import Need
    from wulian.resources.models import Booking

    need_ids = [pk for c in seeded["communities"].values() for run_ in c["needs"] for pk in run_]
    resources = [c["resource"] for c in seeded["communities"].values()]
    active = Booking.objects.active().filter(resource_id__in=resources)
    per_slot = active.values("resource_id", "start").annotate(n=Count("pk")).filter(n__gt=1)
    return {
        "held": Need.objects.filter(pk__in=need_ids).exclude(claimed_by_user=None).count(),
        "bookings": active.count(),
        "double_bookings": sum(row["n"] - 1 for row in per_slot),
    }


# ---------------------------------------------------------------------- in the parent process
