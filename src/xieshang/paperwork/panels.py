"""The dashboard panel: required materials still missing and stale items (hidden for a case without debts and
without a materials section)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xieshang.cases.models import Case

from . import materials


def materials_panel(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    if materials.SECTION not in case.sections and not case.debts.exists():
        return None
    view = materials.materials_view(case)
    checklist = view.checklist
    return {
        "missing": checklist.missing_required,
        "warnings": checklist.warnings_text,
        "ready": len(checklist.ready),
        "total": len(checklist.entries),
        "problem": view.problem,
        "has_reasons": bool(view.materials.hardship.reasons),
    }
