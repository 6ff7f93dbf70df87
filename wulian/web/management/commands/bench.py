"""``wulian bench <name>``: benchmarks that print figures (never timed assertions).

Each app may contribute benchmarks in ``wulian/<app>/bench.py``::

    BENCHES = {"claims": Bench(help="...", add_arguments=add_arguments, run=run)}

where ``add_arguments(parser)`` adds the benchmark's options and ``run(options, stdout)`` runs it
(bounded in time and count, against 127.0.0.1 only) and prints its figures.
"""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wulian.apps_registry import all_apps


@dataclass(frozen=True)
class Bench:
    help: str
    add_arguments: Any
    run: Any


def benches() -> dict[str, Bench]:
    found: dict[str, Bench] = {}
    for app in all_apps():
        if find_spec(f"wulian.{app}.bench") is None:
            continue
        for name, bench in getattr(import_module(f"wulian.{app}.bench"), "BENCHES", {}).items():
            if name in found:
                raise CommandError(f"benchmark {name!r} is defined twice")
            found[name] = bench
    return found


class Command(BaseCommand):
    help = "Run a benchmark and print its figures: " + ", ".join(sorted(benches()))

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="bench", required=True, metavar="NAME", parser_class=CommandParser)
        for name, bench in sorted(benches().items()):
            bench.add_arguments(sub.add_parser(name, help=bench.help, description=bench.help))

    def handle(self, *args, **options) -> None:
        bench = benches().get(options["bench"])
        if bench is None:
            raise CommandError(f"unknown benchmark {options['bench']!r}")
        bench.run(options, self.stdout)
