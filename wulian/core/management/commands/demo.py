from django.core.management.base import BaseCommand

from wulian.core import channels
from wulian.core.demo import DEMO_PASSWORD, LOGINS, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Load the case study's demo data (once): real Chengdu territory, units, people, logins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["chengdu"], default=None,
                            help="generate the synthetic city calibrated to the case study's figures")

    def handle(self, *args, **options):
        with channels.using(channels.COMMAND):
            if demo_loaded():
                self.stdout.write("demo data already loaded; nothing to do.")
            else:
                load_demo()
                self.stdout.write(self.style.SUCCESS("demo data loaded."))
            if options["scale"]:
                from wulian.figures.scale import generate_chengdu  # issue: the case study's table

                generate_chengdu(stdout=self.stdout)
        self.stdout.write(f"\n演示账号 (password for all: {DEMO_PASSWORD}):")
        for username, display, _kind, _org, _person in LOGINS:
            self.stdout.write(f"  {username:18s} {display}")
