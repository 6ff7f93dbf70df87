import datetime as dt

from django.db import migrations

# Frozen here (a migration never imports app code): 国务院办公厅关于2026年部分节假日安排的通知,
# and 2027's fixed-date statutory days only (元旦, 劳动节, 国庆节), until the 2027 notice.


def _days(name, start, end):
    day, out = dt.date.fromisoformat(start), []
    while day <= dt.date.fromisoformat(end):
        out.append((day, name, False))
        day += dt.timedelta(days=1)
    return out


def _workday(name, day):
    return [(dt.date.fromisoformat(day), name, True)]


SEED = [
    *_days("元旦", "2026-01-01", "2026-01-03"), *_workday("元旦调休上班", "2026-01-04"),
    *_workday("春节调休上班", "2026-02-14"), *_days("春节", "2026-02-15", "2026-02-23"),
    *_workday("春节调休上班", "2026-02-28"), *_days("清明节", "2026-04-04", "2026-04-06"),
    *_days("劳动节", "2026-05-01", "2026-05-05"), *_workday("劳动节调休上班", "2026-05-09"),
    *_days("端午节", "2026-06-19", "2026-06-21"), *_workday("国庆节调休上班", "2026-09-20"),
    *_days("中秋节", "2026-09-25", "2026-09-27"), *_days("国庆节", "2026-10-01", "2026-10-07"),
    *_workday("国庆节调休上班", "2026-10-10"),
    *_days("元旦", "2027-01-01", "2027-01-01"), *_days("劳动节", "2027-05-01", "2027-05-02"),
    *_days("国庆节", "2027-10-01", "2027-10-03"),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("duties", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create([
        Holiday(date=date, name=name, is_workday=workday) for date, name, workday in SEED if date not in existing
    ])


def unseed(apps, schema_editor):
    apps.get_model("duties", "Holiday").objects.filter(date__in=[d for d, _n, _w in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("duties", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
