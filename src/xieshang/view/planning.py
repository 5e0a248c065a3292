"""The plan of a case as the view builds it: the one available amount, the stored choices with their budget,
every limit an option breaks (located), and the plan itself.

One available amount: what the financial statement leaves a month for unsecured debts when the case has a
statement, else the budget the plan names. The plan is built with it, so the statement, the plan, every letter
and the dashboard say the same figure; a stored plan budget that differs from the statement is not used, and
the view says so (:func:`budget_note`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from xieshang.core.bilingual import Text
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import grouped
from xieshang.core.options import DebtPosition, PlanLimits, terms_for
from xieshang.core.plan import PlanResult, PlanSpec, build_plan
from xieshang.core.statement import Outcome


def available(statement: Outcome | None, spec: PlanSpec | None) -> Decimal | None:
    """The one monthly amount for unsecured debts: the statement's, else the plan's own budget."""
    if statement is not None:
        return statement.available
    return spec.budget if spec is not None else None


def with_budget(spec: PlanSpec, amount: Decimal | None) -> PlanSpec:
    return spec if amount is None or spec.budget == amount else replace(spec, budget=amount)


def budget_note(statement: Outcome | None, spec: PlanSpec | None) -> Text | None:
    """Why a stored plan budget is not the one used (the statement's amount is), or None."""
    if statement is None or spec is None or spec.budget is None or spec.budget == statement.available:
        return None
    kept, used = grouped(spec.budget), grouped(statement.available)
    return Text(
        f"保存的方案按每月 {kept} 元计算，收支表显示每月可用于还款的是 {used} 元：方案和文书都按收支表的 {used} 元计算。",
        f"The saved plan was worked out on ¥{kept} a month; the financial statement leaves ¥{used}: the plan and "
        f"the letters use the statement's ¥{used}.",
    )


def budget_problem(statement: Outcome | None, spec: PlanSpec) -> FieldError | None:
    """Saving a plan whose budget is not the statement's amount (it would not be used): a located error."""
    if statement is None or spec.budget is None or spec.budget == statement.available:
        return None
    used = grouped(statement.available)
    return FieldError(
        "plan.budget",
        Text(
            f"收支表显示每月可用于还款 {used} 元，方案按这个金额保存。要按别的金额还款，请先修改收支表。",
            f"The financial statement leaves ¥{used} a month and the plan is saved with it. To plan with another "
            "amount, change the statement first.",
        ),
    )


def limit_problems(positions: Sequence[DebtPosition], spec: PlanSpec, limits: PlanLimits) -> list[FieldError]:
    """Every option that breaks a limit (months outside the creditor type's range, a share above 100% …),
    located as ``plan.creditors[i].<field>`` where ``i`` is the choice's index in ``spec.choices``."""
    errors: list[FieldError] = []
    by_id = {p.id: p for p in positions}
    for index, choice in enumerate(spec.choices):
        where = f"plan.creditors[{index}]"
        if choice.debt_id not in by_id:
            errors.append(
                FieldError(
                    f"{where}.id", Text(f"案件中没有债务 {choice.debt_id}", f"no such debt: {choice.debt_id}")
                )
            )
            continue
        try:
            terms_for(by_id[choice.debt_id], choice.option, limits, where)
        except ValidationError as error:
            errors.extend(error.errors)
    return errors


def build(positions: Sequence[DebtPosition], spec: PlanSpec, as_of: date, limits: PlanLimits) -> PlanResult:
    """The plan for ``spec``; a ValidationError listing every located problem if any option breaks a limit."""
    errors = limit_problems(positions, spec, limits)
    if errors:
        raise ValidationError(errors)
    return build_plan(positions, spec, as_of, limits)
