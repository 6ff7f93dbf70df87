"""The counter machinery (kernel): registrations, contributions, deltas, and applying them.

Each app declares its facts in its own ``figures.py`` (found at start-up like ``rules.py``), with
``register(Model, area=..., buckets=... | facts=..., month=...)``:

- ``area``: a lookup path to the area foreign key, e.g. ``"area"`` or ``"org__area"``;
- ``buckets`` (key → function of the fact returning a bool or an int) or ``facts`` (a function
  returning ``{key: amount}``, for keys that depend on the row, such as ``orgs.kind.<kind>``);
- ``month``: a function returning a datetime or date, bucketed in Asia/Shanghai (optional).

Nothing here listens to signals or overrides querysets: every service that writes a registered
fact says so, inside its transaction, with ONE call:

- ``with counters.tracking(obj): obj.state = ...; obj.save()`` — reads the stored contribution
  before and after the block and applies the difference (works for a create inside the block too);
- ``counters.update(queryset, **fields)`` — a conditional update: locks the matching rows, updates
  them, applies the difference, returns the count (use it instead of ``queryset.update()``);
- ``counters.created(objs)`` after ``create`` / ``bulk_create``;
- ``counters.deleted(objs)`` before ``delete`` (the facts the row places are subtracted too:
  they are deleted or unplaced with it).

A fact placed through other rows (``area="lead_org__area"``) moves when one of those rows changes
its link: ``tracking(org)`` (or ``update(Org.objects.filter(...), area=...)``) sees the link change
and moves the facts hanging on the row to the new area ("moves").

Where the numbers go (``apply``): inside the writer's transaction only the counter rows of the
fact's OWN area are upserted (one ``INSERT ... ON CONFLICT DO UPDATE``); the deltas for its
ancestors (community → street → district → city) are appended to the pending table, insert-only
and without a unique key, so writers in different communities never wait on each other. After
commit, a job (``fold_pending``, run by ``figures.tasks.roll_up_pending`` on commit and every
minute) folds the pending rows into the ancestors' counters in one transaction and deletes them.
A counter's exact value at any moment is its row plus its pending rows: dashboards and the
reconciler read both.

The kernel imports no wulian app: it finds the area, counter and pending models by label.

The machinery is split by subject: ``registry`` (registrations, contributions, hops), ``moves``,
``calls`` (what services call) and ``deltas`` (applying and folding deltas, suspending). Import
from here: ``from wulian.core import counters``.
"""

from wulian.core.counters.calls import (
    Snapshot,
    changed,
    created,
    deleted,
    snapshot,
    tracking,
    update,
)
from wulian.core.counters.deltas import (
    ancestor_ids,
    apply,
    fold_pending,
    on_pending,
    split,
    suspended,
)
from wulian.core.counters.registry import (
    ALL_TIME,
    AREA_MODEL,
    COUNTER_MODEL,
    LABELS,
    PENDING_MODEL,
    Amounts,
    Contribution,
    Hop,
    Registration,
    clear,
    contribution_of,
    contribution_of_all,
    diff,
    hops,
    register,
    registered_models,
    registrations,
    stored_contribution,
)

__all__ = [
    "register",
    "registrations",
    "tracking",
    "snapshot",
    "changed",
    "update",
    "created",
    "deleted",
    "apply",
    "fold_pending",
    "suspended",
    "ALL_TIME",
    # also used by the figures app and the tests
    "AREA_MODEL",
    "COUNTER_MODEL",
    "LABELS",
    "PENDING_MODEL",
    "Amounts",
    "Contribution",
    "Hop",
    "Registration",
    "Snapshot",
    "ancestor_ids",
    "clear",
    "contribution_of",
    "contribution_of_all",
    "diff",
    "hops",
    "on_pending",
    "registered_models",
    "split",
    "stored_contribution",
]
