from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.core.channels import CHANNEL_CHOICES


class AuditEntryQuerySet(models.QuerySet):
    def search(self, *, q: str = "", action: str = "", actor: str = "", channel: str = ""):
        qs = self
        if q:
            qs = qs.filter(models.Q(object_repr__icontains=q) | models.Q(object_type__icontains=q))
        if action:
            qs = qs.filter(action__startswith=action)
        if actor:
            qs = qs.filter(actor_name__icontains=actor)
        if channel:
            qs = qs.filter(channel=channel)
        return qs

    # Bulk changes would bypass the model's guards below: the trail is append-only here too.
    def update(self, **kwargs):
        raise PermissionError("audit entries are append-only")

    def delete(self):
        raise PermissionError("audit entries are append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("audit entries are append-only")


class AuditEntry(models.Model):
    """One state change. Append-only; each entry's HMAC-SM3 (keyed with WULIAN_AUDIT_KEY, which
    the database never holds) covers the previous entry's in the same chain."""

    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=CHANNEL_CHOICES)
    # The chain (shard) the entry belongs to, an AuditHead's id from 1 to WULIAN_AUDIT_SHARDS,
    # chosen from the entry's area subtree (services.shard_for), and its place in that chain.
    chain = models.PositiveSmallIntegerField(default=1)
    seq = models.BigIntegerField()
    # False for entries written before the trail was keyed (plain SM3): they must all come first.
    keyed = models.BooleanField(default=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["chain", "prev_hash"], name="audit_chain_never_forks"),
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit entries are append-only")


class AuditHead(models.Model):
    """One row per chain (shard; its id is the chain id) holding the chain's latest hash and
    length; a writer locks only the head of its own shard, so the chain never forks and writers
    of other shards never wait."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.last_hash


class AuditSeal(models.Model):
    """A signed checkpoint: the heads and lengths of every chain at a moment, their Merkle root,
    HMAC-SM3 with the audit key (``chain`` 0, ``head`` the root, ``shards`` the heads; seals of
    one chain each, ``chain`` ≥ 1, were written before the trail was sharded). Each seal is first
    appended to the seal file outside the database (WULIAN_SEAL_FILE), which ``wulian audit
    verify`` trusts; this row is a copy for the pages."""

    chain = models.PositiveSmallIntegerField(default=1)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    count = models.BigIntegerField()
    head = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()
    shards = models.JSONField(default=list, blank=True)
    mac = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计封印")
        verbose_name_plural = _("审计封印")

    def __str__(self) -> str:
        if self.chain == 0:
            return f"shards #{self.first_id}–#{self.last_id} root {self.head[:12]}"
        return f"chain {self.chain} #{self.first_id}–#{self.last_id}"
