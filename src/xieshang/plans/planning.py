"""The plan builder's work on one case: the case view's positions and stored plan, building a plan from the
form with every limit problem located, and saving the plan section.

No rule is decided here: positions, options, allocation, projection and the one available amount are the case
view's (``xieshang.view``, on ``xieshang.core``); the stored plan is validated by the case file's own loader
(``casefile.plan.plan_from_dict``) before it is written, so the exported case file carries it and re-import
round-trips.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import HttpRequest

from xieshang.casefile.plan import plan_to_dict
from xieshang.cases import core_messages
from xieshang.cases.models import Case
from xieshang.cases.reading import Reading, read_case
from xieshang.cases.sections import save_section
from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError
from xieshang.core.options import DebtPosition
from xieshang.view import CaseView, PlanResult, PlanSpec

SECTION = "plan"


@dataclass(frozen=True)
class Workspace:
    """Everything the builder needs about one case, read once per request (the case view)."""

    case: Case
    reading: Reading

    @property
    def view(self) -> CaseView:
        return self.reading.view

    @property
    def as_of(self) -> date:
        return self.view.as_of

    @property
    def positions(self) -> tuple[DebtPosition, ...]:
        return self.view.positions

    @property
    def saved(self) -> PlanSpec | None:
        """The stored plan's choices, with the budget it is built with (the statement's, if there is one)."""
        return self.view.plan_spec

    @property
    def saved_problem(self) -> str:
        """Why a stored plan section could not be read ("" if fine)."""
        errors = self.reading.loaded.problems.get(SECTION)
        return core_messages.message(errors[0]) if errors else ""

    @property
    def available(self) -> Decimal | None:
        """What the budget statement leaves a month for unsecured debts; None without a statement."""
        return self.view.statement.available if self.view.statement is not None else None

    @property
    def budget_note(self) -> Text | None:
        return self.view.budget_note

    def position(self, debt_id: str) -> DebtPosition:
        for position in self.positions:
            if position.id == debt_id:
                return position
        raise KeyError(debt_id)


def workspace(case: Case, request: HttpRequest | None = None) -> Workspace:
    return Workspace(case, read_case(case, request))


def build(ws: Workspace, spec: PlanSpec) -> PlanResult:
    """The plan for ``spec``; a ValidationError listing every located problem if any option breaks a limit."""
    return ws.view.plan_for(spec)


def check_saveable(ws: Workspace, spec: PlanSpec) -> None:
    """A plan whose budget is not the statement's amount is not saved (it would not be used): located error."""
    problem = ws.view.budget_problem(spec)
    if problem is not None:
        raise ValidationError([problem])


def save_spec(case: Case, spec: PlanSpec) -> None:
    """Store ``spec`` as the case file's plan section, in one transaction, without touching other sections."""
    save_section(case, SECTION, plan_to_dict(spec))


def saved_result(case: Case, request: HttpRequest | None = None) -> PlanResult | None:
    """The stored plan built for today's figures; None if there is no usable plan (no budget, stale ids …)."""
    return read_case(case, request).view.plan
