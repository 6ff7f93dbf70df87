"""Org.contact_phone was stored in clear (issue 16, defect 9): encrypt it with SM4 like people's
phones and keep a masked copy for display."""

from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from wulian.core.crypto import encrypt_field
    from wulian.core.validators import mask_phone

    Org = apps.get_model("orgs", "Org")
    for org in Org.objects.exclude(contact_phone="").only("pk", "contact_phone").iterator(chunk_size=500):
        phone = org.contact_phone.strip()
        Org.objects.filter(pk=org.pk).update(contact_phone_encrypted=encrypt_field(phone),
                                             contact_phone_masked=mask_phone(phone))


def decrypt_back(apps, schema_editor):
    from wulian.core.crypto import decrypt_field

    Org = apps.get_model("orgs", "Org")
    for org in Org.objects.exclude(contact_phone_encrypted="").iterator(chunk_size=500):
        Org.objects.filter(pk=org.pk).update(contact_phone=decrypt_field(org.contact_phone_encrypted))


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="org",
            name="contact_phone_encrypted",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="org",
            name="contact_phone_masked",
            field=models.CharField(blank=True, max_length=20, verbose_name="联系电话"),
        ),
        migrations.RunPython(encrypt_existing, decrypt_back),
        migrations.RemoveField(model_name="org", name="contact_phone"),
    ]
