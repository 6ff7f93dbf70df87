"""``wulian bench digest``: plan the daily digest for 100,000 users on a throwaway database.

1. A child process on a fresh database (SQLite: a temporary file; PostgreSQL: a temporary
   database on the configured server, dropped afterwards) and a temporary ``WULIAN_VAR_DIR``, so
   that its Huey queue (SqliteHuey), e-mail files and keys are throwaway too. The configured
   database and queue are never written.
2. Migrates, then seeds ``--users`` users (half with an e-mail address) and ``--per-user``
   notifications each, dated today, with ``bulk_create``.
3. Times ``plan_digest(today)``: the one query for the day's users and one task enqueued per
   ``--batch`` users into the throwaway queue; counts the queue.
4. Runs ``--send-batches`` of those tasks' work in the process (digests built, e-mails written by
   Django's file backend, deliveries logged) and times them, to extrapolate the whole day.
5. Prints the figures; ``--record`` appends them, with the machine and date, to docs/figures.md.
Bounded by its sizes; nothing leaves the machine.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from wulian_bench.kit import Bench, scratch_database


def add_arguments(parser) -> None:
    parser.add_argument("--users", type=int, default=100_000, help="users seeded (default 100000)")
    parser.add_argument(
        "--per-user",
        dest="per_user",
        type=int,
        default=3,
        help="notifications per user today (default 3)",
    )
    parser.add_argument(
        "--batch", type=int, default=500, help="users per digest task (default 500)"
    )
    parser.add_argument(
        "--send-batches",
        dest="send_batches",
        type=int,
        default=4,
        help="batches also built and sent here, to time them (default 4)",
    )
    parser.add_argument(
        "--record", action="store_true", help="append the figures to docs/figures.md"
    )
    parser.add_argument("--seed-into", dest="seed_into", default=None, help=argparse.SUPPRESS)


# ----------------------------------------------------------------------- in the child process


def _child(options) -> dict:
    from django.core.management import call_command
    from huey.contrib.djhuey import HUEY

    from wulian.accounts.models import User
    from wulian.notifications import delivery
    from wulian.notifications.models import Delivery, Digest, Notification

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    users, per_user = options["users"], options["per_user"]
    tag = uuid.uuid4().hex[:6]
    step = 5000
    for first in range(0, users, step):
        User.objects.bulk_create(
            [
                User(
                    username=f"digest-{tag}-{i}",
                    email=f"u{i}@example.org" if i % 2 == 0 else "",
                    password="!",  # noqa: S106 ("!": Django's unusable password)
                )
                for i in range(first, min(first + step, users))
            ],
            batch_size=step,
        )
    ids = list(
        User.objects.filter(username__startswith=f"digest-{tag}-").values_list("pk", flat=True)
    )
    kinds = ["action_item.new", "case.new", "need.claimed", "booking.pending"]
    for first in range(0, len(ids), step):
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=uid,
                    kind=kinds[(uid + k) % len(kinds)],
                    title=f"测试消息{k}",
                    body="基准测试。",
                )
                for uid in ids[first : first + step]
                for k in range(per_user)
            ],
            batch_size=step,
        )
    seeded = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    today = timezone.localdate()
    HUEY.flush()
    before = HUEY.pending_count()
    t0 = time.perf_counter()
    tasks = delivery.plan_digest(today, batch=options["batch"])
    planning = time.perf_counter() - t0
    queued = HUEY.pending_count() - before

    # The work of the first batches, as a consumer would do it (digests + e-mail files + log).
    pending = [HUEY.dequeue() for _ in range(min(options["send_batches"], queued))]
    t1 = time.perf_counter()
    sent_users = 0
    for task in pending:
        day, user_ids, run = task.args
        sent_users += len(user_ids)
        delivery.send_digest_batch(dt.date.fromisoformat(day), user_ids, run)
    sending = time.perf_counter() - t1
    return {
        "engine": connection.vendor,
        "users": users,
        "notifications": users * per_user,
        "batch": options["batch"],
        "tasks": tasks,
        "queued": queued,
        "planning_s": planning,
        "users_per_s": users / planning if planning else 0.0,
        "rows_per_s": users * per_user / planning if planning else 0.0,
        "batches_sent": len(pending),
        "batch_users": sent_users,
        "sending_s": sending,
        "digests": Digest.objects.count(),
        "deliveries": Delivery.objects.filter(digest__isnull=False).count(),
        "migrate_s": migrated - started,
        "seed_s": seeded - migrated,
    }


# ---------------------------------------------------------------------- in the parent process


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def _record(figures: dict, machine: str, today: str) -> None:
    path = Path(settings.BASE_DIR) / "docs" / "figures.md"
    text = path.read_text(encoding="utf-8")
    heading = "## `wulian bench digest`"
    row = (
        f"| {today} | {figures['engine']} | {figures['users']:,} | {figures['notifications']:,} | {figures['batch']} "
        f"| {figures['tasks']} | {figures['planning_s']:.2f} | {figures['rows_per_s']:,.0f} "
        f"| {figures['sending_s'] / max(figures['batches_sent'], 1):.2f} | {machine} |"
    )
    if heading not in text:
        text = (
            text.rstrip("\n")
            + "\n\n"
            + heading
            + "\n\n"
            + (
                "Plans the daily digest for `--users` users with `--per-user` notifications each on a throwaway\n"
                "database and queue (`devtools/wulian_bench/benches/digest.py`): the planning is one query for the day's\n"
                "users and one Huey task per `--batch` users, never one per user. rows/s = the day's\n"
                "notifications over the planning time; s/batch = building and e-mailing one batch's digests\n"
                "(file backend) in one process.\n\n"
                "| date | engine | users | notifications | batch | tasks | planning s | rows/s | s/batch | machine |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n"
            )
        )
    text = text.rstrip("\n") + "\n" + row + "\n"
    path.write_text(text, encoding="utf-8")


def run(options, stdout) -> None:
    if options.get("seed_into"):
        figures = _child(options)
        Path(options["seed_into"]).write_text(json.dumps(figures))
        return
    tag = uuid.uuid4().hex[:8]
    workdir = Path(tempfile.mkdtemp(prefix="wulian-digestbench-"))
    out = workdir / "figures.json"
    try:
        url, drop = scratch_database(workdir, tag, copy=False)
        try:
            env = dict(os.environ)
            env.update(
                {
                    "DATABASE_URL": url,
                    "WULIAN_VAR_DIR": str(workdir / "var"),
                    "DJANGO_SETTINGS_MODULE": "wulian.settings",
                    "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                }
            )
            for key in ("HUEY_IMMEDIATE", "REDIS_URL", "EMAIL_URL"):
                env.pop(key, None)
            env["PYTHONPATH"] = os.pathsep.join(
                [str(settings.BASE_DIR), env.get("PYTHONPATH", "")]
            ).rstrip(os.pathsep)
            args = [
                "--users",
                str(options["users"]),
                "--per-user",
                str(options["per_user"]),
                "--batch",
                str(options["batch"]),
                "--send-batches",
                str(options["send_batches"]),
                "--seed-into",
                str(out),
            ]
            subprocess.run(
                [sys.executable, "-m", "wulian", "bench", "digest", *args],
                env=env,
                check=True,
                cwd=str(settings.BASE_DIR),
                timeout=3600,
            )
        finally:
            drop()
        figures = json.loads(out.read_text())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    machine, today = _machine(), timezone.localdate().isoformat()
    per_batch = figures["sending_s"] / max(figures["batches_sent"], 1)
    stdout.write(f"wulian bench digest — {figures['engine']}, {today}, {machine}")
    stdout.write(
        f"  seeded      {figures['users']:,} users, {figures['notifications']:,} notifications "
        f"(migrate {figures['migrate_s']:.1f} s, seed {figures['seed_s']:.1f} s)"
    )
    stdout.write(
        f"  planning    {figures['planning_s']:.3f} s: {figures['tasks']} tasks enqueued "
        f"({figures['queued']} in the queue) of {figures['batch']} users each"
    )
    stdout.write(
        f"  throughput  {figures['users_per_s']:,.0f} users/s, {figures['rows_per_s']:,.0f} notification rows/s"
    )
    stdout.write(
        f"  sending     {figures['batches_sent']} batch(es), {figures['batch_users']:,} users in "
        f"{figures['sending_s']:.2f} s ({per_batch:.2f} s/batch; {figures['digests']:,} digests, "
        f"{figures['deliveries']:,} e-mail deliveries)"
    )
    stdout.write(
        f"  whole day   ≈ {per_batch * figures['tasks']:.0f} s of consumer time for {figures['tasks']} batches"
    )
    if options.get("record"):
        _record(figures, machine, today)
        stdout.write("  recorded in docs/figures.md")


BENCHES = {
    "digest": Bench(
        help="plan the daily digest for 100,000 users on a throwaway database and print figures",
        add_arguments=add_arguments,
        run=run,
    )
}
