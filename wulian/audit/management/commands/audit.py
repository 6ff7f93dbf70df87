from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wulian.audit.seals import seal_chains, verify_trail


class Command(BaseCommand):
    help = (
        "审计日志: `wulian audit verify` re-walks every shard's chain with the audit key and "
        "the seal file; `wulian audit seal` appends a signed seal of every shard's head."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])
        parser.add_argument("--seals", default="", help="seal file (default WULIAN_SEAL_FILE)")

    def handle(self, *args, **options):
        path = options["seals"] or settings.WULIAN_SEAL_FILE
        if options["action"] == "seal":
            written = seal_chains(path=path)
            for seal in written:
                total = sum(shard[1] for shard in seal["shards"])
                self.stdout.write(
                    f"sealed {len(seal['shards'])} shards ({total} entries), root {seal['root']} → {path}"
                )
            if not written:
                self.stdout.write("nothing new to seal")
            return
        checked, problem, summary = verify_trail(seal_path=path)
        if problem is not None:
            raise CommandError(
                f"audit chain BROKEN at {problem.where}: {problem.reason} "
                f"({checked} entries intact before it)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {checked} entries"))
        shards = f"{summary.shards} shard{'' if summary.shards == 1 else 's'}" if summary else ""
        if summary is not None and summary.last_seal_line is not None:
            self.stdout.write(
                f"{shards}; last seal: line {summary.last_seal_line} at "
                f"{summary.last_seal_at}; {summary.unsealed} entries written since (not yet sealed)"
            )
        elif summary is not None:
            self.stdout.write(f"{shards}; no seal yet: {summary.unsealed} entries not yet sealed")
