from django.core.management.base import BaseCommand, CommandError

from wulian.accounts.models import User
from wulian.accounts.services import create_token
from wulian.core import channels


class Command(BaseCommand):
    help = "Print a new API bearer token for a user: `wulian token USERNAME`."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        with channels.using(channels.COMMAND):
            self.stdout.write(create_token(user=user, by=None))
