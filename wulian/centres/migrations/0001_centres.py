import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('areas', '0002_functional_areas'),
        ('orgs', '0001_initial'),
        ('resources', '0002_booking_no_overlap_per_person'),
    ]

    operations = [
        migrations.CreateModel(
            name='Centre',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='名称')),
                ('address', models.CharField(max_length=200, verbose_name='地址')),
                ('phone', models.CharField(blank=True, max_length=30, verbose_name='服务电话')),
                ('description', models.TextField(blank=True, verbose_name='简介')),
                ('is_public', models.BooleanField(default=True, verbose_name='在社区公开页显示')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('community', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='centre', to='areas.area', verbose_name='所在社区')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='centres', to='orgs.org', verbose_name='运营党组织')),
                ('resources', models.ManyToManyField(blank=True, related_name='centres', to='resources.resource', verbose_name='中心资源')),
            ],
            options={
                'verbose_name': '党群服务中心',
                'verbose_name_plural': '党群服务中心',
                'ordering': ['community__path'],
            },
        ),
        migrations.CreateModel(
            name='CentreHours',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weekday', models.PositiveSmallIntegerField(verbose_name='星期')),
                ('start', models.TimeField(verbose_name='开始')),
                ('end', models.TimeField(verbose_name='结束')),
                ('centre', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hours', to='centres.centre')),
            ],
            options={
                'verbose_name': '开放时间',
                'verbose_name_plural': '开放时间',
                'ordering': ['weekday', 'start'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='centre_hours_end_after_start'), models.CheckConstraint(condition=models.Q(('weekday__gte', 0), ('weekday__lte', 6)), name='centre_hours_weekday_valid')],
            },
        ),
        migrations.CreateModel(
            name='CentreService',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=60, verbose_name='服务名称')),
                ('description', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='顺序')),
                ('centre', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='services', to='centres.centre')),
            ],
            options={
                'verbose_name': '服务项目',
                'verbose_name_plural': '服务项目',
                'ordering': ['position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('centre', 'name'), name='centre_service_unique_name')],
            },
        ),
    ]
