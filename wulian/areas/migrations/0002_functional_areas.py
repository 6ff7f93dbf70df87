import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='FunctionalArea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=20, unique=True, verbose_name='标识')),
                ('name', models.CharField(max_length=100, verbose_name='名称')),
                ('short_name', models.CharField(max_length=20, verbose_name='简称')),
                ('kind', models.CharField(choices=[('new_area', '国家级新区'), ('hi_tech_zone', '国家高新区')], max_length=16, verbose_name='类型')),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='functional_areas_of_city', to='areas.area', verbose_name='所属市')),
                ('streets', models.ManyToManyField(related_name='functional_areas', to='areas.area', verbose_name='管辖街道')),
            ],
            options={
                'verbose_name': '功能区',
                'verbose_name_plural': '功能区',
                'ordering': ['key'],
            },
        ),
    ]
