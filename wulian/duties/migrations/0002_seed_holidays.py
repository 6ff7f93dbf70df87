from django.db import migrations


def seed(apps, schema_editor):
    from wulian.duties.holidays_cn import SEED

    Holiday = apps.get_model("duties", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create([
        Holiday(date=date, name=name, is_workday=workday) for date, name, workday in SEED if date not in existing
    ])


def unseed(apps, schema_editor):
    from wulian.duties.holidays_cn import SEED

    apps.get_model("duties", "Holiday").objects.filter(date__in=[d for d, _n, _w in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("duties", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
