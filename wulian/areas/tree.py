"""The territorial tree's structure (codes, names, levels, paths, parents), cached.

Everyone shares one structure: it is kept in the shared cache (the database cache by default,
Redis with ``make prod``) under ``wulian:areas:tree:<format>:<fields>:<stamp>``, and each process
keeps the last one it read beside the stamp it was read under. Every read asks the shared cache
for the stamp (one small entry) and uses the process's copy while the stamp is the same.

Only the areas services write areas, and each calls ``renew_area_tree()`` inside its transaction:
a new random stamp once the transaction commits (so a rolled-back write leaves the cache as it
was, and no stamp is ever reused). Every ``migrate`` and ``flush`` renews it too (``AreasConfig``).
A tree read inside a transaction is kept only once that transaction commits, so a tree holding
areas that were rolled back is never kept.

The structure holds nothing of any user: the selectors apply the user's ``Scope`` to it
(``areas.selectors.area_in_view``), never cache what a user sees.
"""

import secrets
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from wulian.areas.models import Area

STAMP_KEY = "wulian:areas:stamp"
# Bump when ``AreaTree`` changes shape, so that a deploy never reads entries of the old one.
TREE_FORMAT = 1
# Every stored column of an area, in the model's order (what ``Area.from_db`` expects).
FIELDS = tuple(f.attname for f in Area._meta.concrete_fields)
_FIELDS_SIG = f"{zlib.crc32(','.join(FIELDS).encode()):08x}"

Row = tuple  # one area's FIELDS values

_process_copy: tuple[str, "AreaTree"] | None = (
    None  # (stamp, tree): the last tree this process read
)


@dataclass(frozen=True)
class AreaTree:
    """The whole tree as plain values: each area's row by its code, and the codes of each area's
    children in code order (the roots under ``""``). Every read builds new ``Area`` objects, so
    nothing one request sets on an area reaches another."""

    rows: dict[str, Row]
    child_codes: dict[str, tuple[str, ...]]

    def get(self, code: str | None) -> Area | None:
        row = self.rows.get((code or "").strip())
        return _area(row) if row is not None else None

    def at_path(self, path: str) -> Area | None:
        """The area whose path is ``path`` (its code is the path's last one)."""
        area = self.get(path.rstrip("/").rpartition("/")[2])
        return area if area is not None and area.path == path else None

    def children(self, code: str) -> list[Area]:
        return [_area(self.rows[c]) for c in self.child_codes.get(code, ())]

    def ancestors(self, area: Area, *, include_self: bool = False) -> list[Area]:
        """As ``Area.ancestors``, without a query."""
        codes = area.ancestor_codes() if include_self else area.ancestor_codes()[:-1]
        return [_area(self.rows[c]) for c in codes if c in self.rows]


def _area(row: Row) -> Area:
    return Area.from_db("default", FIELDS, row)


def tree_key(stamp: str) -> str:
    return f"wulian:areas:tree:{TREE_FORMAT}:{_FIELDS_SIG}:{stamp}"


def _seconds() -> int:
    return getattr(settings, "WULIAN_AREA_CACHE_SECONDS", 3600)


def area_tree() -> AreaTree:
    """The tree's structure: this process's copy while the shared stamp is unchanged, else the
    shared cache's entry, else read from the database (one query) and kept once committed."""
    stamp = _stamp() if _seconds() else None
    if stamp is None:  # not cached (no seconds set), or the cache keeps no stamp
        return compute_area_tree()
    copy = _process_copy
    if copy is not None and copy[0] == stamp:
        return copy[1]
    entry = _get(tree_key(stamp))
    if isinstance(entry, AreaTree):
        tree = entry
    else:
        tree = compute_area_tree()
        transaction.on_commit(lambda: cache.set(tree_key(stamp), tree, _seconds()))

    def keep() -> None:
        global _process_copy
        _process_copy = (stamp, tree)

    transaction.on_commit(keep)
    return tree


def compute_area_tree() -> AreaTree:
    rows = list(Area.objects.order_by("code").values_list(*FIELDS))
    code_of = {row[0]: row[1] for row in rows}
    parent_at = FIELDS.index("parent_id")
    children: dict[str, list[str]] = {}
    for row in rows:
        children.setdefault(code_of.get(row[parent_at], ""), []).append(row[1])
    return AreaTree(
        rows={row[1]: row for row in rows},
        child_codes={code: tuple(codes) for code, codes in children.items()},
    )


def renew_area_tree() -> None:
    """Called inside every transaction that writes an area: once it commits, the next read
    reads the tree afresh (every process, since the stamp is shared)."""
    transaction.on_commit(_renew_now)


def _renew_now() -> None:
    cache.set(STAMP_KEY, secrets.token_hex(8), None)


def renew_after_migrate(sender: object, **kwargs: object) -> None:
    """``post_migrate`` (after every ``migrate`` and ``flush``, once accounts has made the cache
    table): a migration or a flush rewrites areas without a service."""
    forget_process_copy()
    _renew_now()


def forget_process_copy() -> None:
    """Drop this process's copy (tests, after a rolled-back transaction could have kept one)."""
    global _process_copy
    _process_copy = None


def _stamp() -> str | None:
    stamp = _get(STAMP_KEY)
    if not isinstance(stamp, str):
        try:
            cache.add(
                STAMP_KEY, secrets.token_hex(8), None
            )  # the first reader's; a racing one's wins
        except Exception:  # no cache to be had: read the tree afresh
            return None
        stamp = _get(STAMP_KEY)
    return stamp if isinstance(stamp, str) else None


def _get(key: str) -> object:
    try:
        return cache.get(key)
    except Exception:  # an entry of another code version that no longer unpickles: read afresh
        return None
