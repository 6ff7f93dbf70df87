"""Portable SQL the ORM lacks, the same on SQLite and PostgreSQL: a list's child rows as one JSON
column of the list's own query, instead of a query (and a queryset per row) per relation."""

import json
from typing import Any

from django.db.models import Aggregate, OuterRef, QuerySet, Subquery, TextField


class JsonRows(Aggregate):
    """The aggregated rows as JSON text: one array of the given columns per row, e.g.
    ``[[0, "09:00:00", "12:00:00"], [1, …]]``; NULL when there is none. In no order: sort the
    parsed rows (``parse_rows``)."""

    function = "JSON_GROUP_ARRAY"
    template = "%(function)s(JSON_ARRAY(%(expressions)s))"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="JSON_AGG",
            template="%(function)s(JSON_BUILD_ARRAY(%(expressions)s))::text",
            **extra_context,
        )


def child_rows(children: QuerySet, link: str, *fields: str) -> Subquery:
    """A correlated subquery to annotate a queryset with: the rows of ``children`` whose
    ``link`` (a foreign key) is the outer row, as ``JsonRows`` of ``fields``."""
    rows = (
        children.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JsonRows(*fields))
        .values("rows")
    )
    return Subquery(rows, output_field=TextField())


def parse_rows(text: str | None) -> list[list[Any]]:
    """The rows of a ``child_rows`` annotation, sorted (JSON keeps no order of aggregation)."""
    return sorted(json.loads(text)) if text else []
