"""The dashboard panel: required materials still missing and stale items (hidden for a case without debts and
without a materials section)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xieshang.cases.models import Case
from xieshang.cases.reading import read_case

from . import materials


def materials_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    reading = read_case(case, request)
    if materials.SECTION not in case.sections and not reading.rows:
        return None
    view = materials.materials_view(case, request)
    checklist = view.checklist
    return {
        "missing": checklist.missing_required,
        "warnings": checklist.warnings_text,
        "ready": len(checklist.ready),
        "total": len(checklist.entries),
        "problem": view.problem,
        "has_reasons": bool(view.materials.hardship.reasons),
    }
