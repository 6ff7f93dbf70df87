from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from wulian.core import channels
from wulian.web.demo import DEMO_PASSWORD, LOGINS, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Load the case study's demo data (once): real Chengdu territory, units, people, logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["chengdu"],
            default=None,
            help="generate the synthetic city calibrated to the case study's figures "
            "(development tools only: devtools/wulian_bench, WULIAN_TOOLS)",
        )

    def handle(self, *args, **options):
        if options["scale"] and not apps.is_installed("wulian_bench"):
            raise CommandError(
                "--scale needs the development tools (the wulian_bench app in devtools/), which are not "
                "installed here: run `make` to install them and set WULIAN_TOOLS=1 (they are never on in "
                "production)."
            )
        with channels.using(channels.COMMAND):
            if demo_loaded():
                self.stdout.write("demo data already loaded; nothing to do.")
            else:
                load_demo()
                self.stdout.write(self.style.SUCCESS("demo data loaded."))
            if options["scale"]:
                from wulian_bench.scale import generate_chengdu  # issue: the case study's table

                generate_chengdu(stdout=self.stdout)
        from wulian.accounts.mfa import DEMO_TOTP_BASE32

        self.stdout.write(f"\n演示账号 (password for all: {DEMO_PASSWORD}):")
        for username, display, _kind, _org, _person in LOGINS:
            self.stdout.write(f"  {username:18s} {display}")
        self.stdout.write(
            "\nStaff and the 三员 also type a TOTP code after the password (MFA). Demo accounts share the\n"
            f"demo secret {DEMO_TOTP_BASE32} (add it to any authenticator app), or print the current code:\n"
            "  .venv/bin/wulian otp city_admin\n"
            "Residents, party members and unit contacts log in with the password (or an SMS code) only."
        )
