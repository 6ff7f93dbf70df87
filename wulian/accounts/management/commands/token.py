from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wulian.accounts.models import User
from wulian.accounts.services import create_token
from wulian.core import channels


class Command(BaseCommand):
    help = (
        "Print a new API bearer token for a user: `wulian token USERNAME [--name NAME] [--days N]`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name", default="", help="what the token is for (shown on the account page)"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days until it expires (1-365; default WULIAN_TOKEN_DAYS, 90)",
        )

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        with channels.using(channels.COMMAND):
            try:
                key = create_token(
                    user=user, by=None, name=options["name"] or "command", days=options["days"]
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(key)
