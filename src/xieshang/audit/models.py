"""What the audit log stores: one row per action, never changed and never deleted by the app.

Rows name the case and the people by number only (no foreign keys), so deleting a case or an account keeps the
record of what was done to it, and the log holds no copy of a borrower's name or numbers. The database refuses
an update of a row (a trigger, migration 0001); the app has no path that deletes one.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    VIEW = "view", pgettext_lazy("audit action", "查看")
    CHANGE = "change", pgettext_lazy("audit action", "修改")
    EXPORT = "export", pgettext_lazy("audit action", "导出")
    SHARE = "share", pgettext_lazy("audit action", "分享")
    UNSHARE = "unshare", pgettext_lazy("audit action", "取消分享")
    REVEAL = "reveal", pgettext_lazy("audit action", "显示完整号码")
    DELETE = "delete", pgettext_lazy("audit action", "删除")
    CREATE = "create", pgettext_lazy("audit action", "新建")


class AppendOnly(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)  # the account, by number (it may be deleted)
    actor_name = models.CharField(max_length=150)  # its user name then
    organisation_id = models.BigIntegerField(null=True, db_index=True)  # the actor's organisation, if any
    case_id = models.BigIntegerField(null=True, db_index=True)
    case_owner_id = models.BigIntegerField(null=True, db_index=True)  # who may read the case's log
    case_organisations = models.CharField(max_length=200, blank=True)  # ",3,7,": organisations helping then
    action = models.CharField(max_length=10, choices=Action.choices)
    what_zh = models.CharField(max_length=200)
    what_en = models.CharField(max_length=200)
    address = models.CharField(max_length=64, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ("-at", "-id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("the audit log is append-only")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} case {self.case_id}"
