"""The manager every registered fact model declares, so that bulk writes keep counters right.

``queryset.update()`` and ``bulk_create`` send no signals. The linkages change state with
conditional updates (``Need.objects.filter(pk=..., state="posted").update(state="claimed")``), so
a registered model's queryset counts them itself, inside the caller's transaction:

- ``update()`` locks and reads the matching rows (``select_for_update``; SQLite's IMMEDIATE
  transactions already serialise writers), runs the update on those rows only, reads them again
  and applies the difference of their contributions;
- ``bulk_create()`` counts the rows it created.

A model with no queryset of its own declares ``objects = FactManager()``; a model with one derives
it from ``FactQuerySet`` (``class NeedQuerySet(FactQuerySet)``). The ``figures.E001`` system check
names any registered model whose managers do neither. Inside ``registry.suspended()`` nothing is
counted (bulk loaders recompute the counters afterwards).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction

from wulian.figures import registry


class FactQuerySet(models.QuerySet):
    """A QuerySet whose ``update()`` and ``bulk_create()`` move the figures counters."""

    def update(self, **kwargs: Any) -> int:
        if self.query.is_sliced or self.query.combinator or not registry.tracked(self.model):
            return super().update(**kwargs)  # Django refuses the first two itself
        self._for_write = True
        with transaction.atomic(using=self.db):
            rows = list(self.model._base_manager.using(self.db).select_for_update().filter(
                pk__in=self.values("pk")))
            if not rows:
                return 0
            pks = [row.pk for row in rows]
            before = registry.contribution_of_all(rows)
            # Only the rows just locked and read: a row that starts matching meanwhile
            # (PostgreSQL, READ COMMITTED) is left alone rather than changed uncounted.
            n = super(FactQuerySet, self.filter(pk__in=pks)).update(**kwargs)
            if n:
                registry.apply(registry.diff(before, registry.stored_contribution(self.model, pks, using=self.db)))
            return n

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs: Iterable[models.Model], batch_size: int | None = None,
                    ignore_conflicts: bool = False, update_conflicts: bool = False,
                    update_fields: Sequence[str] | None = None,
                    unique_fields: Sequence[str] | None = None) -> list[models.Model]:
        options = {"batch_size": batch_size, "ignore_conflicts": ignore_conflicts,
                   "update_conflicts": update_conflicts, "update_fields": update_fields,
                   "unique_fields": unique_fields}
        if not registry.tracked(self.model):
            return super().bulk_create(objs, **options)
        if ignore_conflicts or update_conflicts:
            # The rows skipped or overwritten are not known afterwards: counting would guess.
            raise ValueError(
                f"{self.model._meta.label} feeds the figures counters: bulk_create() cannot count rows "
                "with ignore_conflicts or update_conflicts. Save the rows one by one, or load them "
                "inside figures.registry.suspended() and call figures.services.recompute()."
            )
        self._for_write = True
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, **options)
            registry.apply(registry.contribution_of_all(created))
        return created

    bulk_create.alters_data = True  # type: ignore[attr-defined]


class FactManager(models.Manager.from_queryset(FactQuerySet)):  # type: ignore[misc]
    """``objects = FactManager()`` on a registered fact model with no queryset of its own."""
