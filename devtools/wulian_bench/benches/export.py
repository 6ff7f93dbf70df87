"""``wulian bench export``: the background export of 惠民项目 at two sizes, peak memory and rows/s,
against a bare floor measured in the same run.

1. A temporary copy of the configured database (as ``bench claims``: a SQLite backup or a
   temporary PostgreSQL database), migrated, demo loaded, then ``--rows`` projects added in
   bulk (copies of the demo's projects, in their communities).
2. Each measurement runs in a fresh child process, so that its peak RSS is its own:
   - the platform: ``exports.services.run_export`` for city_admin (the scoped queryset from the
     stored filters, the write-only workbook to a file, progress every 2,000 rows, the audit
     entry), once limited to ``--small`` rows and once over every row;
   - the floor: the same rows read with a bare cursor (``SELECT`` of the same columns) and
     written as CSV, no ORM, no workbook.
3. Prints rows, seconds, rows/s, peak RSS, the ratio of rows/s against the floor, and the ratio
   of peak RSS between the two sizes (the goal: ≤ 1.2, memory flat as rows grow).
Bounded by the row counts; it stops by itself and removes its database.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

from wulian_bench.kit import Bench


def add_arguments(parser) -> None:
    parser.add_argument(
        "--rows", type=int, default=100_000, help="projects in the large export (default 100000)"
    )
    parser.add_argument(
        "--small", type=int, default=10_000, help="projects in the small export (default 10000)"
    )
    # internal: the child processes that seed and measure
    parser.add_argument("--child", choices=["seed", "platform", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)


def _seed(rows: int) -> dict[str, Any]:
    from django.core.management import call_command

    from wulian.funds.models import Project
    from wulian.web.demo import demo_loaded, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if not demo_loaded():
        load_demo()
    models = list(Project.objects.all())
    have = Project.objects.count()
    batch = []
    for i in range(max(0, rows - have)):
        p = models[i % len(models)]
        batch.append(
            Project(
                name=f"{p.name}-{i:06d}",
                category=p.category,
                community_id=p.community_id,
                status=p.status,
                budget=p.budget,
                beneficiaries=p.beneficiaries,
                allocation_id=p.allocation_id,
            )
        )
        if len(batch) == 5000:
            Project.objects.bulk_create(batch)
            batch = []
    Project.objects.bulk_create(batch)
    return {"projects": Project.objects.count()}


def _platform(limit: int) -> dict[str, Any]:
    import dataclasses
    import resource

    from django.utils import timezone

    from wulian.accounts.models import User
    from wulian.exports import registry, services
    from wulian.exports.models import ExportJob
    from wulian.funds.models import Project
    from wulian.funds.selectors import search_projects

    user = User.objects.get(username="city_admin")
    name = "funds.projects"
    total = Project.objects.count()
    if limit:  # the first `limit` projects, through the same scoped queryset and writer
        cut = Project.objects.order_by("pk").values_list("pk", flat=True)[limit - 1]
        name = "bench.projects"
        registry.register(
            dataclasses.replace(
                registry.get("funds.projects"),
                name=name,
                rows=lambda u, p: (
                    search_projects(u, **p).filter(pk__lte=cut).iterator(chunk_size=2000)
                ),
            )
        )
        total = limit
    job = ExportJob.objects.create(
        user=user, export=name, title="惠民项目", params={}, total=total, expires_at=timezone.now()
    )
    started = time.perf_counter()
    services.run_export(job=job)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    size = (services.export_dir() / job.file).stat().st_size if job.file else 0
    return {
        "status": job.status,
        "rows": job.done_rows,
        "seconds": seconds,
        "bytes": size,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _floor(limit: int) -> dict[str, Any]:
    import csv
    import resource

    from django.db import connection

    from wulian.funds.models import Project

    rows = 0
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", newline="") as out, connection.cursor() as cursor:
        writer = csv.writer(out)
        sql = (
            f"SELECT p.name, p.category, a.name, a.code, p.status, p.budget, p.beneficiaries "
            f"FROM {Project._meta.db_table} p JOIN areas_area a ON a.id = p.community_id ORDER BY p.id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        cursor.execute(sql)
        while chunk := cursor.fetchmany(2000):
            writer.writerows(chunk)
            rows += len(chunk)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run(options: dict[str, Any], stdout) -> None:
    child = options.get("child")
    if child:
        result = {
            "seed": lambda: _seed(options["rows"]),
            "platform": lambda: _platform(options["limit"]),
            "floor": lambda: _floor(options["limit"]),
        }[child]()
        stdout.write("RESULT " + json.dumps(result))
        return
    from wulian_bench.kit import child_env, scratch_database

    tag = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = scratch_database(Path(tmp), tag)
        env = child_env(url)
        env["MEDIA_ROOT"] = str(Path(tmp) / "media")
        try:

            def call(*args: str) -> dict[str, Any]:
                out = subprocess.run(
                    [sys.executable, "-m", "wulian", "bench", "export", *args],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=str(settings.BASE_DIR),
                    timeout=1800,
                ).stdout
                return json.loads(out.rsplit("RESULT ", 1)[1])

            seeded = call("--child", "seed", "--rows", str(options["rows"]))
            stdout.write(
                f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}, "
                f"{seeded['projects']} projects\n"
            )
            figures = {}
            for label, limit in (("small", options["small"]), ("large", 0)):
                floor = call("--child", "floor", "--limit", str(limit))
                platform = call("--child", "platform", "--limit", str(limit))
                figures[label] = (platform, floor)
                stdout.write(
                    f"{platform['rows']:>7} rows: platform {platform['seconds']:.1f} s "
                    f"({platform['rows'] / platform['seconds']:,.0f} rows/s, peak {platform['peak_mb']:.0f} MB, "
                    f"{platform['bytes'] / 1e6:.1f} MB file, {platform['status']}); "
                    f"bare floor {floor['seconds']:.2f} s ({floor['rows'] / floor['seconds']:,.0f} rows/s, "
                    f"peak {floor['peak_mb']:.0f} MB); ratio {floor['seconds'] / platform['seconds']:.3f}\n"
                )
            small, large = figures["small"][0], figures["large"][0]
            stdout.write(
                f"peak memory large/small: {large['peak_mb'] / small['peak_mb']:.2f} "
                f"(goal ≤ 1.2); rows ×{large['rows'] / max(1, small['rows']):.1f}\n"
            )
        finally:
            drop()


BENCHES = {
    "export": Bench(
        help="the background export of 惠民项目 at two sizes: peak memory and rows/s against a bare floor",
        add_arguments=add_arguments,
        run=run,
    )
}
