import datetime as dt

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

# Frozen from chinesecalendar 1.11.0 (国务院办公厅关于2025年部分节假日安排的通知); 2026 was seeded
# by 0002 and agrees with the package day for day. Both years are confirmed from the package.
DAYS_2025 = [
    ("2025-01-01", "元旦", False), ("2025-01-26", "春节调休上班", True),
    *[(f"2025-01-{d}", "春节", False) for d in (28, 29, 30, 31)],
    *[(f"2025-02-0{d}", "春节", False) for d in (1, 2, 3, 4)], ("2025-02-08", "春节调休上班", True),
    *[(f"2025-04-0{d}", "清明节", False) for d in (4, 5, 6)], ("2025-04-27", "劳动节调休上班", True),
    *[(f"2025-05-0{d}", "劳动节", False) for d in (1, 2, 3, 4, 5)],
    ("2025-05-31", "端午节", False), ("2025-06-01", "端午节", False), ("2025-06-02", "端午节", False),
    ("2025-09-28", "国庆节调休上班", True),
    *[(f"2025-10-0{d}", "国庆节", False) for d in (1, 2, 3, 4, 5)], ("2025-10-06", "中秋节", False),
    ("2025-10-07", "国庆节", False), ("2025-10-08", "国庆节", False), ("2025-10-11", "国庆节调休上班", True),
]
CONFIRMED = {2025: "国务院办公厅关于2025年部分节假日安排的通知（chinesecalendar 1.11.0）",
             2026: "国务院办公厅关于2026年部分节假日安排的通知（chinesecalendar 1.11.0）"}


def seed(apps, schema_editor):
    Holiday = apps.get_model("duties", "Holiday")
    existing = set(Holiday.objects.filter(date__year=2025).values_list("date", flat=True))
    Holiday.objects.bulk_create([
        Holiday(date=dt.date.fromisoformat(day), name=name, is_workday=workday)
        for day, name, workday in DAYS_2025 if dt.date.fromisoformat(day) not in existing
    ])
    HolidayYear = apps.get_model("duties", "HolidayYear")
    for year, note in CONFIRMED.items():
        HolidayYear.objects.get_or_create(year=year, defaults={
            "source": "package", "note": note, "confirmed_at": timezone.now()})


def unseed(apps, schema_editor):
    apps.get_model("duties", "Holiday").objects.filter(
        date__in=[dt.date.fromisoformat(day) for day, _n, _w in DAYS_2025]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('duties', '0002_seed_holidays'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HolidayYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='年度')),
                ('source', models.CharField(choices=[('package', '官方数据包（chinesecalendar）'), ('notice', '管理员按国务院通知录入')], max_length=10, verbose_name='来源')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='依据')),
                ('confirmed_at', models.DateTimeField(auto_now_add=True, verbose_name='确认时间')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='确认人')),
            ],
            options={
                'verbose_name': '节假日年度安排',
                'verbose_name_plural': '节假日年度安排',
                'ordering': ['year'],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
