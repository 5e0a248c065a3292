"""The evidence store as the web app uses it: one store in ``<data dir>/evidence``, entries filtered per case.

The ledger is shared by every case in the data directory; a case's entries are those recorded with its
``evidence_key`` (see :class:`~xieshang.contacts.models.ContactSettings`). Files are added only after the
whole user action has been validated, and checked by content and size first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from xieshang.cases.models import Case
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry
from xieshang.evidence import media
from xieshang.evidence.store import EvidenceStore

from .models import ContactSettings


def evidence_store() -> EvidenceStore:
    return EvidenceStore.in_data_dir(settings.DATA_DIR, settings.EVIDENCE_MAX_BYTES)


def settings_of(case: Case) -> ContactSettings:
    found, _created = ContactSettings.objects.get_or_create(case=case)
    return found


def evidence_key(case: Case) -> str:
    return settings_of(case).evidence_key


def case_entries(case: Case, store: EvidenceStore | None = None) -> list[LedgerEntry]:
    """The case's ledger entries in ledger order (an unreadable ledger gives none: the verify page says why)."""
    key = evidence_key(case)
    try:
        entries = (store or evidence_store()).entries()
    except ValidationError:
        return []
    return [e for e in entries if isinstance(e, LedgerEntry) and e.case_id == key]


@dataclass(frozen=True)
class Upload:
    """A file checked by content and size, ready to add."""

    name: str
    data: bytes
    media_type: str


def check_uploads(files: Sequence[UploadedFile]) -> tuple[list[Upload], list[str]]:
    """Read and check every file; returns the good ones and one Chinese message per bad one."""
    limit = settings.EVIDENCE_MAX_BYTES
    good: list[Upload] = []
    problems: list[str] = []
    for upload in files:
        name = media.safe_name(upload.name or "")
        if upload.size is not None and upload.size > limit:
            problems.append(str(media.too_large(upload.size, limit, name)))
            continue
        data = upload.read()
        try:
            media_type = media.check(data, limit, name)
        except ValidationError as error:
            problems.append(str(error))
            continue
        good.append(Upload(name, data, media_type))
    return good, problems


def add_uploads(
    case: Case, uploads: Sequence[Upload], *, description: str, debt_id: str = "", contact_id: str = ""
) -> list[LedgerEntry]:
    """Store checked uploads in the evidence store, each with its ledger entry."""
    store = evidence_store()
    key = evidence_key(case)
    return [
        store.add(
            u.data, description=description, name=u.name, case_id=key, debt_id=debt_id, contact_id=contact_id
        )
        for u in uploads
    ]
