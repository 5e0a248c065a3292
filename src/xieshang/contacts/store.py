"""The contact pages' settings and evidence: per-case reminder settings, and the case's ledger as the pages read
it (:mod:`xieshang.cases.evidence` owns the ledger: one chain per case, shared with the materials pages).

Reading never writes: a case without saved settings shows the defaults; saving them goes through the case's
lock like every other write of the case.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from xieshang.cases import evidence
from xieshang.cases.models import Case
from xieshang.cases.writes import locked
from xieshang.core.ledger import LedgerEntry

from .log import drop_attachment
from .models import ContactSettings


def settings_of(case: Case) -> ContactSettings:
    """The case's reminder settings, or the defaults (unsaved) when it has none yet."""
    return ContactSettings.objects.filter(case=case).first() or ContactSettings(case=case)


def save_settings(case: Case, silence_days: int, window_days: int, **mail: Any) -> ContactSettings:
    """``mail``: ``email_reminders``, ``email_address``, ``email_language`` (those given are saved)."""
    with locked(case.pk) as row:
        found, _created = ContactSettings.objects.update_or_create(
            case=row, defaults={"silence_days": silence_days, "window_days": window_days, **mail}
        )
    return found


def case_entries(case: Case) -> list[LedgerEntry]:
    """The case's evidence files in force, in ledger order (an unreadable ledger gives none: the verify page
    says why)."""
    return evidence.live_entries(case)


@receiver(evidence.evidence_redacted, dispatch_uid="contacts-drop-withdrawn-file")
def _withdrawn(sender: object, case: Case, seq: int, sha256: str, **kwargs: object) -> None:
    drop_attachment(case, sha256)
