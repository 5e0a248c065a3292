"""What the audit log knows of a case: its number, its owner and the organisations helping with it then."""

from __future__ import annotations

from xieshang.audit.log import Subject

from .access import helping_organisations
from .models import Case


def subject_of(case: Case) -> Subject:
    return Subject(case.pk, case.owner_id, tuple(sorted(helping_organisations(case))))
