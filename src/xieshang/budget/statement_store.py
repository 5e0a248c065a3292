"""The financial statement of a stored case: the case file's ``budget`` section, judged by its own loader
(``casefile.budget``) before it is stored. Pages read the statement through the case view."""

from __future__ import annotations

from typing import Any

from xieshang.casefile.budget import statement_from_dict, statement_to_dict
from xieshang.cases.models import Case
from xieshang.cases.sections import save_section
from xieshang.core.statement import Statement

SECTION = "budget"


def save_statement(case: Case, data: Any) -> Statement:
    """Validate ``data`` as the ``budget`` section and store it; other sections are left as they are."""
    statement = statement_from_dict(data)
    save_section(case, SECTION, statement_to_dict(statement))
    return statement
