"""On PostgreSQL, make one person's overlapping active bookings of a resource impossible in the
database too (an exclusion constraint over a tstzrange). SQLite has no exclusion constraints:
there the booking service's IMMEDIATE transaction serialises writers and checks the rule."""

from django.db import migrations

CONSTRAINT = "booking_no_overlap_per_person"
ACTIVE = "('pending', 'approved', 'checked_in')"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE resources_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        f"(resource_id WITH =, person_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        f"WHERE (status IN {ACTIVE})"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE resources_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
