"""`wulian otp USERNAME`: the current TOTP code of a demo account (demo use only: it works only
for accounts whose device holds the published demo secret, never for a real account's secret)."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from wulian.accounts.mfa import DEMO_TOTP_KEY, next_usable_code


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account: `wulian otp USERNAME`."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{options['username']} has no TOTP device")
        if device.key != DEMO_TOTP_KEY:
            raise CommandError(
                f"{options['username']} is not a demo account: read the code from its authenticator"
            )
        self.stdout.write(next_usable_code(device))
