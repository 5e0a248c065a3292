"""What the paperwork pages keep beyond the case file: the materials' uploaded files and the history of every
document and package generated.

The case file's ``materials`` section (``Case.sections["materials"]``) lists, per item, the SHA-256 of its files;
the bytes live in the case's evidence store (``xieshang.cases.evidence``), and :class:`MaterialFile` keeps what a
person sees of each (name, date, type, size, the case's ledger entry that recorded it).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from xieshang.cases.models import Case


def new_ledger_key() -> str:
    """Kept for migration 0001 (the materials share the case's ledger now)."""
    return f"materials-{secrets.token_hex(8)}"


class MaterialFile(models.Model):
    """One uploaded copy of a supporting document (证明材料), stored in the evidence store by its hash."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="material_files")
    item_id = models.CharField(max_length=64)  # materials.yaml item id
    sha256 = models.CharField(max_length=64)
    name = models.CharField(_("文件名"), max_length=200)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    ledger_seq = models.PositiveIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("case", "item_id", "sha256"), name="material_file_once_per_item"),
        )

    def __str__(self) -> str:
        return self.name


class GeneratedDocument(models.Model):
    """The case history of generated paperwork: each document file or package made, with its hash."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="generated_documents")
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.CharField(
        _("文书"), max_length=40
    )  # a name in documents.render.DOCUMENTS, or "package"
    title = models.CharField(max_length=100)
    creditor = models.CharField(_("债权人"), max_length=200, blank=True)
    format = models.CharField(_("格式"), max_length=10)  # docx, pdf, zip
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(null=True, blank=True)  # None: a file inside a package
    shows_id_number = models.BooleanField(default=False)
    package = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )  # set on the documents inside a package

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.title} {self.creditor} {self.format}"
