"""Shard the audit trail (issue 17): each entry gets ``seq``, its place in its chain, and seals
may hold the heads of every chain (``shards``).

The existing single chain is kept verifiable as it is: it is chain 1, which is shard 1 of the
``WULIAN_AUDIT_SHARDS`` shards numbered from 1, so its entries, hashes and head row are not
touched (a keyed entry's HMAC covers its chain id: renumbering would mean rewriting the trail).
``seq`` is filled per chain in id order, the order the chain was written in.

Reversing drops ``seq`` and ``shards`` and keeps every entry and head: the trail written with
several shards still verifies with the earlier code (it walks every chain id it finds), but that
code reports the seal file's first Merkle seal line (``"v": 2``) as not signed: move those lines
aside before reversing, and seal anew afterwards.
"""

from django.db import migrations, models

FILL_SEQ = """
UPDATE audit_auditentry SET seq = numbered.rn
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY chain ORDER BY id) AS rn FROM audit_auditentry) AS numbered
WHERE audit_auditentry.id = numbered.id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_keyed_chains_and_seals'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='seq',
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunSQL(FILL_SEQ, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='auditentry',
            name='seq',
            field=models.BigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.UniqueConstraint(fields=('chain', 'seq'), name='audit_chain_seq_unique'),
        ),
        migrations.AddField(
            model_name='auditseal',
            name='shards',
            field=models.JSONField(blank=True, default=list),
        ),
    ]
