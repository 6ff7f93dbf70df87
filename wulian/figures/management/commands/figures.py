from django.core.management.base import BaseCommand, CommandError

from wulian.areas.models import Area
from wulian.core import channels
from wulian.figures import services


class Command(BaseCommand):
    help = (
        "Figures: `check` compares every counter with a fresh aggregate; `recompute` rebuilds them."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "recompute"])
        parser.add_argument("--area", default="", help="limit to the subtree of this area code")
        parser.add_argument("--limit", type=int, default=50, help="differences to print")

    def handle(self, *args, action, area, limit, **options):
        root = None
        if area:
            root = Area.objects.filter(code=area).first()
            if root is None:
                raise CommandError(f"区划代码“{area}”不存在。")
        with channels.using(channels.COMMAND):
            if action == "recompute":
                n = services.recompute(root)
                self.stdout.write(self.style.SUCCESS(f"counters rebuilt: {n} rows."))
                return
            diffs = services.check(root)
        for d in diffs[:limit]:
            self.stdout.write(
                f"{d.area_code} {d.area_name} {d.key} {d.period or '*'}: stored {d.stored}, fresh {d.fresh}"
            )
        if len(diffs) > limit:
            self.stdout.write(f"... and {len(diffs) - limit} more")
        if diffs:
            raise CommandError(f"{len(diffs)} differences between counters and fresh aggregates.")
        self.stdout.write(self.style.SUCCESS("figures check: 0 differences."))
