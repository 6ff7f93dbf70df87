from django.db import migrations, models


def stamp(apps, schema_editor):
    """Criticisms of dispatches already published take the dispatch's publication time. The
    figures' counters are not touched here: run ``wulian figures recompute`` after migrating."""
    Dispatch = apps.get_model("dispatches", "Dispatch")
    Criticism = apps.get_model("dispatches", "Criticism")
    for pk, published_at in Dispatch.objects.filter(status="published").values_list("pk", "published_at"):
        Criticism.objects.filter(dispatch_id=pk).update(published_at=published_at)


class Migration(migrations.Migration):
    dependencies = [("dispatches", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="criticism",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="发布时间"),
        ),
        migrations.RunPython(stamp, migrations.RunPython.noop),
    ]
