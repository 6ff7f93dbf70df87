import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from wulian.core import channels
from wulian.schedules import services


class Command(BaseCommand):
    help = (
        "一月一现场会 / 一季一督导: `run` does what the daily job does — makes the current period's "
        "meeting or inspection of every active schedule once, and flags past ones that did not happen."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["run"])
        parser.add_argument("--today", help="run as of this date (YYYY-MM-DD)")

    def handle(self, *args, action, today, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today {today!r}: expected YYYY-MM-DD.") from None
        with channels.using(channels.COMMAND):
            made, missed = services.run_schedules(today=day)
        self.stdout.write(f"made: {len(made)}; flagged missed: {len(missed)}.")
