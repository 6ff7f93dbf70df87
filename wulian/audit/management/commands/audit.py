from django.core.management.base import BaseCommand, CommandError

from wulian.audit.services import verify_chain


class Command(BaseCommand):
    help = "审计日志: `wulian audit verify` checks the SM3 hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        checked, problem = verify_chain()
        if problem is not None:
            where = f"entry #{problem.entry_id}" if problem.entry_id else "chain head"
            raise CommandError(f"audit chain BROKEN at {where}: {problem.reason} ({checked} entries intact before it)")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {checked} entries"))
