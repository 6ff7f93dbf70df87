from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wulian.audit.services import seal_chains, verify_chain


class Command(BaseCommand):
    help = ("审计日志: `wulian audit verify` re-walks every chain with the audit key and the seal "
            "file; `wulian audit seal` appends a signed seal of each chain that grew.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])
        parser.add_argument("--seals", default="", help="seal file (default WULIAN_SEAL_FILE)")

    def handle(self, *args, **options):
        path = options["seals"] or settings.WULIAN_SEAL_FILE
        if options["action"] == "seal":
            written = seal_chains(path=path)
            for seal in written:
                self.stdout.write(f"sealed chain {seal['chain']}: entries #{seal['first_id']}–#{seal['last_id']} "
                                  f"({seal['count']} in the chain) → {path}")
            if not written:
                self.stdout.write("nothing new to seal")
            return
        checked, problem = verify_chain(seal_path=path)
        if problem is not None:
            where = f"entry #{problem.entry_id}" if problem.entry_id else "chain head"
            if problem.entry_id is None and problem.reason.startswith("seal line"):
                where = "seal file"
            raise CommandError(f"audit chain BROKEN at {where}: {problem.reason} ({checked} entries intact before it)")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {checked} entries"))
