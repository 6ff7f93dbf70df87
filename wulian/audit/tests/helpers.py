"""What the audit tests share: `wulian audit verify` as a string, and one shard's entries."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from wulian.audit.models import AuditEntry


def verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue().strip().splitlines()[0]


def busiest_chain() -> int:
    return (
        AuditEntry.objects.values("chain")
        .annotate(n=Count("id"))
        .order_by("-n", "chain")[0]["chain"]
    )


def chain_ids(chain: int) -> list[int]:
    return list(AuditEntry.objects.filter(chain=chain).order_by("seq").values_list("id", flat=True))


def intact_before(chain: int, seq: int) -> int:
    """Entries the walk checks before reaching (chain, seq): earlier shards whole, then this one."""
    return AuditEntry.objects.filter(chain__lt=chain).count() + seq - 1


def two_areas_in_different_shards(world):
    """Two demo communities whose entries go to different shards."""
    from wulian.audit.services import shard_for
    from wulian.web.demo import HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

    areas = [world.areas[code] for code in (XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG)]
    for other in areas[1:]:
        if shard_for(f"area:{other.pk}") != shard_for(f"area:{areas[0].pk}"):
            return areas[0], other
    raise AssertionError("the demo communities all fall in one shard")
