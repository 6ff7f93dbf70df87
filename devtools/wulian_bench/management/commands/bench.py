"""``wulian bench <name>``: benchmarks that print figures (never timed assertions).

Each module of ``wulian_bench/benches/`` may declare benchmarks::

    BENCHES = {"claims": Bench(help="...", add_arguments=add_arguments, run=run)}

where ``add_arguments(parser)`` adds the benchmark's options and ``run(options, stdout)`` runs it
(bounded in time and count, against 127.0.0.1 only) and prints its figures.
"""

import pkgutil
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wulian_bench import benches as benches_package
from wulian_bench.kit import Bench


def benches() -> dict[str, Bench]:
    found: dict[str, Bench] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(benches_package.__path__)):
        for name, bench in getattr(
            import_module(f"wulian_bench.benches.{module}"), "BENCHES", {}
        ).items():
            if name in found:
                raise CommandError(f"benchmark {name!r} is defined twice")
            found[name] = bench
    return found


class Command(BaseCommand):
    help = "Run a benchmark and print its figures: " + ", ".join(sorted(benches()))

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="bench", required=True, metavar="NAME", parser_class=CommandParser
        )
        for name, bench in sorted(benches().items()):
            bench.add_arguments(sub.add_parser(name, help=bench.help, description=bench.help))

    def handle(self, *args: Any, **options: Any) -> None:
        bench = benches().get(options["bench"])
        if bench is None:
            raise CommandError(f"unknown benchmark {options['bench']!r}")
        bench.run(options, self.stdout)
