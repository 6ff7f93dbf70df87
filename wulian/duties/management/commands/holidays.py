from django.core.management.base import BaseCommand, CommandError

from wulian.core import channels
from wulian.duties import holidays_cn, selectors, services


class Command(BaseCommand):
    help = (
        "Holidays: `sync` seeds the table from the official package (chinesecalendar) for years it "
        "covers and the table has not confirmed; `check` compares the table with the package and "
        "names the current or next year that has no confirmed arrangement."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "check"])
        parser.add_argument("--year", type=int, action="append", help="only this year (repeatable)")

    def handle(self, *args, action, year, **options):
        covered = holidays_cn.covered_years()
        if action == "sync":
            with channels.using(channels.COMMAND):
                written = services.sync_official_holidays(by=None, years=year)
            self.stdout.write(
                f"{holidays_cn.package_label()} covers {covered.start}–{covered.stop - 1}; "
                f"written: {', '.join(map(str, written)) or 'none'}."
            )
            return
        problems = 0
        for y in year or [y for y in covered if y >= holidays_cn.FIRST_YEAR]:
            for diff in selectors.official_differences(y):
                problems += 1
                self.stdout.write(
                    f"{diff['date']}: table {diff['table']}, official {diff['official']}"
                )
        for y in selectors.unconfirmed_holiday_years():
            problems += 1
            self.stdout.write(
                f"{y}: no confirmed holiday arrangement (enter the State Council's notice and confirm it)."
            )
        if problems:
            raise CommandError(f"{problems} holiday problems.")
        self.stdout.write(
            self.style.SUCCESS("holidays check: the table agrees with the official package.")
        )
