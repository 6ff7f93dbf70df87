from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wulian.areas.services import DATA_DIR, load_areas
from wulian.core import channels


class Command(BaseCommand):
    help = "行政区划: `wulian areas load --city 5101 --from DIR` loads a city from china-division CSVs."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--city", default="5101", help="4-digit city code (成都 5101)")
        parser.add_argument(
            "--from",
            dest="source",
            default=None,
            help="folder with china-division's cities.csv, areas.csv, streets.csv, villages.csv "
            "(default: the Chengdu subset shipped with wulian)",
        )

    def handle(self, *args, **options):
        source = Path(options["source"]) if options["source"] else DATA_DIR / options["city"]
        with channels.using(channels.COMMAND):
            try:
                result = load_areas(city_code=options["city"], from_dir=source, by=None)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"areas loaded: {result.created} created, {result.updated} renamed, {result.unchanged} unchanged"
            )
        )
