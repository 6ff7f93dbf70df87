import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.core.imports import ImportResult, RowError


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """What a background export and a background import share: status, progress, failure and
    the 24 hours they are kept."""

    title = models.CharField(_("名称"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("总行数"), default=0)
    error = models.CharField(_("失败原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done_rows * 100 // self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class ExportJob(Job):
    """A large export written by a worker: progress for the page, the file for 24 hours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    export = models.CharField(_("导出"), max_length=64)
    params = models.JSONField(_("筛选条件"), default=dict)
    done_rows = models.PositiveIntegerField(_("已写行数"), default=0)
    file = models.CharField(_("文件"), max_length=200, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("后台导出")
        verbose_name_plural = _("后台导出")


class ImportPhase(models.TextChoices):
    CHECK = "check", _("校验")
    WRITE = "write", _("写入")


class ImportJob(Job):
    """A large import run by a worker: first checked (the preview, rolled back), then written
    once its owner confirms; the upload is kept until written or for 24 hours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    importer = models.CharField(_("导入"), max_length=64)
    filename = models.CharField(_("文件名"), max_length=200)
    token = models.CharField(_("上传文件"), max_length=64, blank=True)
    page_url = models.CharField(_("导入页"), max_length=200)
    list_url = models.CharField(_("列表页"), max_length=200)
    phase = models.CharField(
        _("阶段"), max_length=10, choices=ImportPhase.choices, default=ImportPhase.CHECK
    )
    skip_bad = models.BooleanField(_("跳过错误行"), default=False)
    done_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    errors = models.JSONField(_("错误行"), default=list)  # [[row, column, message], ...]
    written = models.PositiveIntegerField(_("已导入条数"), default=0)

    class Meta(Job.Meta):
        verbose_name = _("后台导入")
        verbose_name_plural = _("后台导入")

    @property
    def committed(self) -> bool:
        return (
            self.phase == ImportPhase.WRITE and self.status == JobStatus.DONE and self.written > 0
        )

    @property
    def confirmable(self) -> bool:
        """Checked (or refused at writing) and not written: its owner may (re)confirm."""
        return (
            self.status == JobStatus.DONE and not self.written and self.total > len(self.bad_rows)
        )

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e[0] for e in self.errors})

    @property
    def result(self) -> ImportResult:
        """The check's or the write's outcome in the shape the import preview shows."""
        return ImportResult(
            total=self.total,
            errors=[RowError(*e) for e in self.errors],
            written=self.written,
            committed=self.committed,
        )
