"""What the plan builder shows, picked out of core's ``PlanResult`` and ordered for people. No rule is decided
here: every figure is core's (the plan's projection, the status quo under the same budget, each option's
outcome); the few sums below only add up what core computed for display.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from xieshang import reference
from xieshang.cases import core_messages
from xieshang.cases.labels import confidence_label, lender_label
from xieshang.core import plan_notes
from xieshang.core.money import ZERO, yuan
from xieshang.core.options import DebtPosition, LimitRule, OptionOutcome
from xieshang.core.vocabulary import label
from xieshang.view import Affordability, CreditorPlan, DebtResult, PlanResult

from .charts import BalanceChart, balance_chart


@dataclass(frozen=True)
class CreditorRow:
    position: DebtPosition
    name: str  # the creditor as people name it
    option: str  # the option's code (for the page's scripts and tests, never shown)
    option_label: str
    proposed: bool
    first_month: Decimal  # what the plan pays this creditor in its first month
    months: int  # months until cleared (or the months projected, if not cleared)
    cleared: bool
    total_paid: Decimal
    payoff_month: str | None
    waived: Decimal
    saving: Decimal  # the status quo's cost for this debt under the same budget, less the plan's
    quo_cost: Decimal
    quo_payoff_month: str | None
    first_year: Decimal  # the creditor's view: recovered in the first twelve months
    creditor_quo: Decimal  # the creditor's status quo: the borrower who cannot pay recovers nothing
    outcome: OptionOutcome  # the option on its own
    short: Affordability | None = None  # a proposal the budget's share does not cover
    freeze_note: str = ""  # the share does not cover the option's interest: planned (and asked) frozen
    extra_cost_note: str = ""  # why it costs more than the status quo (saving < 0), and what would avoid it
    long_note: str = ""  # it runs past its kind's planning range (with the range's source)

    @property
    def extra(self) -> Decimal:
        """What the plan costs more than the status quo for this creditor (0 when it saves)."""
        return max(-self.saving, ZERO)


@dataclass(frozen=True)
class LimitNote:
    position: DebtPosition
    lender: str
    rule: LimitRule
    confidence: str
    note: str


def _cost(result: DebtResult) -> Decimal:
    return result.paid + result.remaining


def creditor_rows(result: PlanResult, names: Mapping[str, str]) -> list[CreditorRow]:
    rows = []
    plan, quo, lang, limits = result.projection, result.status_quo, get_language(), reference.plan_limits()
    for item in result.creditors:
        debt: DebtResult = item.result
        quo_debt = quo.debt(item.position.id)
        extra = plan_notes.creditor_extra_cost(item, quo_debt)
        longer = plan_notes.too_long(item.months, limits.rule(item.position.lender_type))
        first_year = sum((r.payments.get(item.position.id, ZERO) for r in plan.rows[:12]), ZERO)
        rows.append(
            CreditorRow(
                position=item.position,
                name=names.get(item.position.id, item.position.creditor),
                option=item.choice.option.kind.value,
                option_label=label(item.choice.option.kind).get(get_language()),
                proposed=item.choice.proposed,
                first_month=item.first_payment,
                months=item.months,
                cleared=item.cleared,
                total_paid=item.total,
                payoff_month=debt.payoff_month,
                waived=item.waived,
                saving=_cost(quo_debt) - _cost(debt),
                quo_cost=_cost(quo_debt),
                quo_payoff_month=quo_debt.payoff_month,
                first_year=first_year,
                creditor_quo=item.outcome.creditor.status_quo_recovered,
                outcome=item.outcome,
                short=item.affordability if item.choice.proposed and not item.affordable else None,
                freeze_note=plan_notes.freeze_needed(item.growth).get(lang) if item.growth else "",
                extra_cost_note=extra.get(lang) if extra else "",
                long_note=longer.get(lang) if longer else "",
            )
        )
    return rows


def month_table(result: PlanResult) -> SafeString:
    """The month-by-month table's rows as HTML: each month, what every creditor is paid (— once cleared) and the
    month's total, every text escaped. Made here in one pass because a large case's table has tens of thousands
    of cells (50 creditors × 600 months), which the template language would render node by node: most of the
    time of a keystroke's update."""
    ids = [c.position.id for c in result.creditors]
    shown: dict[Decimal | None, str] = {
        None: '<td class="num">—</td>'
    }  # a level payment repeats: one text each

    def cell(amount: Decimal | None) -> str:
        text = shown.get(amount)
        if text is None:
            text = shown[amount] = f'<td class="num">{escape(yuan(amount))}</td>'  # type: ignore[arg-type]
        return text

    rows = []
    for row in result.projection.rows:
        cells = "".join([cell(row.payments.get(key)) for key in ids])
        rows.append(f'<tr><th scope="row">{escape(row.month)}</th>{cells}{cell(row.total)}</tr>')
    return mark_safe("".join(rows))  # every value above is escaped


def token_rows(result: PlanResult) -> list[tuple[CreditorPlan, Decimal]]:
    token = result.projection.token
    return [(c, token[c.position.id]) for c in result.creditors if c.position.id in token]


def limit_notes(positions: tuple[DebtPosition, ...], english: bool = False) -> list[LimitNote]:
    """The re-instalment range per creditor with its source and confidence (reference, not advice)."""
    limits = reference.plan_limits()
    notes = []
    for position in positions:
        rule = limits.rule(position.lender_type)
        notes.append(
            LimitNote(
                position,
                lender_label(position.lender_type),
                rule,
                confidence_label(rule.confidence),
                rule.note_en if english else rule.note_zh,
            )
        )
    return notes


def results_context(result: PlanResult | None, names: Mapping[str, str] | None = None) -> dict[str, object]:
    """What the results part of the builder shows; ``names`` are the case view's names of the debts."""
    names = names or {}
    if result is None:
        return {"result": None}
    chart: BalanceChart | None = balance_chart(result)
    lang, strategy = get_language(), result.spec.strategy
    extra = plan_notes.plan_extra_cost(result)
    return {
        "strategy_name": label(strategy).get(lang),
        "strategy_reason": plan_notes.strategy_reason(strategy).get(lang),
        "no_budget_helps": plan_notes.no_budget_helps(strategy).get(lang),
        "extra_total": max(-result.saving, ZERO),
        "extra_cost_note": extra.get(lang) if extra else "",
        "result": result,
        "plan": result.projection,
        "quo": result.status_quo,
        "creditor_rows": creditor_rows(result, names),
        "month_table": month_table(result),
        "token_rows": token_rows(result),
        "note": core_messages.localise(result.projection.note) if result.projection.note else "",
        "chart": chart,
        "ids": [names.get(c.position.id, c.position.creditor) for c in result.creditors],
        "short_count": len(result.unaffordable_proposals),
        "suggested_budget": result.suggested_budget,
    }
