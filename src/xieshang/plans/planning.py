"""The plan builder's work on one case: where each debt stands, the stored plan, the budget statement's
default, building a plan with every limit problem located, and saving the plan section.

No rule is decided here: positions, options, allocation and projection are ``xieshang.core``'s; the stored plan
is validated by the case file's own loader (``core.plan.plan_from_dict``) before it is written, so the exported
case file carries it and re-import round-trips.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xieshang import reference
from xieshang.casefile.budget import statement_from_dict
from xieshang.casefile.plan import plan_from_dict, plan_to_dict
from xieshang.cases.convert import core_case
from xieshang.cases.models import Case
from xieshang.cases.presenters import as_of_for
from xieshang.cases.sections import save_section
from xieshang.core.case import Case as CoreCase
from xieshang.core.errors import FieldError, ValidationError, XieshangError
from xieshang.core.options import DebtPosition, terms_for
from xieshang.core.plan import PlanResult, PlanSpec, build_plan
from xieshang.core.positions import positions_from_case
from xieshang.core.statement import evaluate as evaluate_statement

SECTION = "plan"
BUDGET_SECTION = "budget"


@dataclass(frozen=True)
class Workspace:
    """Everything the builder needs about one case, read once per request."""

    case: Case
    core: CoreCase
    as_of: date
    positions: tuple[DebtPosition, ...]
    saved: PlanSpec | None  # the stored plan section; None if there is none or it cannot be read
    saved_problem: str  # why a stored plan section could not be read ("" if fine)
    available: Decimal | None  # the budget statement's amount available for unsecured debts

    def position(self, debt_id: str) -> DebtPosition:
        for position in self.positions:
            if position.id == debt_id:
                return position
        raise KeyError(debt_id)


def workspace(case: Case) -> Workspace:
    as_of = as_of_for(case)
    core = core_case(case)
    positions = positions_from_case(core, as_of, reference.legal_lines(), reference.lpr_series())
    saved, problem = stored_spec(case)
    return Workspace(case, core, as_of, positions, saved, problem, statement_available(case))


def stored_spec(case: Case) -> tuple[PlanSpec | None, str]:
    """The case's plan section as a spec (None if absent), or None and the first problem found."""
    raw = case.sections.get(SECTION)
    if raw is None:
        return None, ""
    try:
        return plan_from_dict(raw), ""
    except ValidationError as error:
        first = error.errors[0] if error.errors else None
        return None, str(first.message if first else error)


def statement_available(case: Case) -> Decimal | None:
    """What the budget statement leaves a month for unsecured debts; None without a readable statement."""
    raw = case.sections.get(BUDGET_SECTION)
    if raw is None:
        return None
    try:
        return evaluate_statement(statement_from_dict(raw)).available
    except XieshangError:
        return None


def check_limits(ws: Workspace, spec: PlanSpec) -> list[FieldError]:
    """Every option that breaks a limit (months outside the creditor type's range, a share above 100% …),
    located as ``plan.creditors[i].<field>`` where ``i`` is the choice's index in ``spec.choices``."""
    errors: list[FieldError] = []
    limits = reference.plan_limits()
    known = {p.id for p in ws.positions}
    for index, choice in enumerate(spec.choices):
        where = f"plan.creditors[{index}]"
        if choice.debt_id not in known:
            errors.append(FieldError(f"{where}.id", f"案件中没有债务 {choice.debt_id} / no such debt"))
            continue
        try:
            terms_for(ws.position(choice.debt_id), choice.option, limits, where)
        except ValidationError as error:
            errors.extend(error.errors)
    return errors


def build(ws: Workspace, spec: PlanSpec) -> PlanResult:
    """The plan for ``spec``; a ValidationError listing every located problem if any option breaks a limit."""
    errors = check_limits(ws, spec)
    if errors:
        raise ValidationError(errors)
    return build_plan(ws.positions, spec, ws.as_of, reference.plan_limits())


def save_spec(case: Case, spec: PlanSpec) -> None:
    """Store ``spec`` as the case file's plan section, in one transaction, without touching other sections."""
    save_section(case, SECTION, plan_to_dict(spec))


def saved_result(case: Case) -> PlanResult | None:
    """The stored plan built for today's figures; None if there is no usable plan (no budget, stale ids …)."""
    saved, _problem = stored_spec(case)
    if saved is None or not case.debts.exists():
        return None
    ws = workspace(case)
    spec = saved
    if spec.budget is None and ws.available is not None:
        spec = PlanSpec(spec.strategy, ws.available, spec.minimum, spec.start, spec.choices)
    if spec.budget is None:
        return None
    try:
        return build(ws, spec)
    except XieshangError:
        return None
