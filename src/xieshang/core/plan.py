"""A negotiation plan (协商还款计划): the choices of the case file's ``plan:`` section and the plan they build.

:func:`build_plan` turns where each debt stands (:class:`~xieshang.core.options.DebtPosition`, from
:mod:`xieshang.core.positions`) and a :class:`PlanSpec` into a :class:`PlanResult`: each creditor's option on its
own (``options.evaluate``), the whole plan month by month and the status quo under the same budget. The section
itself is read and written by :mod:`xieshang.casefile.plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from .allocation import DEFAULT_MINIMUM, Strategy
from .bilingual import Text
from .dates import add_months
from .errors import ValidationError
from .money import ZERO, cents
from .option_fen import evaluate as evaluate_fast
from .options import (
    AsIs,
    DebtPosition,
    DebtTerms,
    Option,
    OptionKind,
    OptionOutcome,
    PlanLimits,
    terms_for,
)
from .plan_schedule import FenSchedule, fen_schedules
from .plan_schedule import PlannedPayment as PlannedPayment
from .projection import DebtResult, Projection, first_of_month, project, status_quo


@dataclass(frozen=True)
class CreditorChoice:
    debt_id: str
    option: Option = field(default_factory=AsIs)
    proposed: bool = False  # this option is the proposal to send
    priority: bool = False  # paid before the others (e.g. a court judgment)


@dataclass(frozen=True)
class PlanSpec:
    strategy: Strategy = Strategy.FAIR
    budget: Decimal | None = None
    minimum: Decimal = DEFAULT_MINIMUM
    start: date | None = None  # first day of the first month
    choices: tuple[CreditorChoice, ...] = ()

    def choice(self, debt_id: str) -> CreditorChoice:
        for choice in self.choices:
            if choice.debt_id == debt_id:
                return choice
        return CreditorChoice(debt_id)


@dataclass(frozen=True)
class Affordability:
    """Whether the budget's share for one creditor covers what its option asks (够不够按方案还).

    The option asks ``option_monthly`` (its level instalment, after any grace). The plan gives the creditor
    ``share``: the least the projection pays it in the option's instalment months (from the first, or the month
    after a deferral's grace, to the one before the last), so a share that shrinks once another debt's grace
    ends is not taken for enough. ``shortfall`` is the gap, zero when covered; ``projected_months`` is the
    month the projection clears the debt on that share instead (None: not within the projection).
    ``first_payment`` is what the projection pays it in its first paying month: where a proposal letter starts
    when the share does not cover the option.
    """

    option_monthly: Decimal
    option_months: int  # the instalments at option_monthly (after any grace)
    share: Decimal
    first_payment: Decimal
    projected_months: int | None

    @property
    def affordable(self) -> bool:
        return self.share >= self.option_monthly

    @property
    def shortfall(self) -> Decimal:
        return max(self.option_monthly - self.share, ZERO)


@dataclass(frozen=True)
class Growth:
    """A proposal whose share of the budget does not cover the interest its option keeps charging (欠款越还越多).

    Under the option as chosen the creditor's balance would rise in some month of its instalments: in
    ``month`` the plan paid it ``share`` while ``interest`` accrued. The plan does not propose a schedule in
    which the debt grows, so it plans (and the letter asks for) this debt with the interest frozen (停息挂账)."""

    month: int
    share: Decimal
    interest: Decimal


@dataclass(frozen=True)
class CreditorPlan:
    """One creditor in the plan. Its figures (``months``, ``first_payment``, ``total``, ``waived`` and the
    month-by-month ``schedule``) are the projection's: what the plan pays it. Every page, letter, spreadsheet and
    reminder states these, so a proposal reads the same wherever it is shown; ``outcome`` is the option on its
    own, for comparing what it asks with what the budget gives (``affordability``)."""

    position: DebtPosition
    choice: CreditorChoice
    outcome: OptionOutcome  # the option on its own: what it asks and what it saves
    result: DebtResult  # what the plan actually pays this creditor
    affordability: Affordability | None = None  # set by build_plan
    schedule: Sequence[PlannedPayment] = ()  # every month until cleared (or until the projection ends)
    growth: Growth | None = (
        None  # a proposal its share cannot keep from growing: planned with interest frozen
    )

    @property
    def chosen(self) -> bool:
        """An option other than the debt as it stands, or one marked to propose."""
        return self.choice.proposed or self.choice.option.kind is not OptionKind.AS_IS

    @property
    def affordable(self) -> bool:
        return self.affordability is None or self.affordability.affordable

    @property
    def months(self) -> int:
        """Months until cleared (grace months included), or the months projected when not cleared."""
        return len(self.schedule)

    @property
    def cleared(self) -> bool:
        return self.result.payoff_index is not None

    @property
    def first_payment(self) -> Decimal:
        return self.result.first_payment

    @property
    def total(self) -> Decimal:
        return self.result.paid

    @property
    def waived(self) -> Decimal:
        return self.result.waived

    @property
    def grace_months(self) -> int:
        return getattr(self.choice.option, "grace_months", 0)

    def _instalments(self) -> list[Decimal]:
        """The payments after any grace, without the last one of a cleared debt (it absorbs the residue)."""
        paid = [p.payment for p in self.schedule[self.grace_months :]]
        return paid[:-1] if self.cleared else paid

    @property
    def rises(self) -> bool:
        """Some instalment is larger than the one before (money freed by debts cleared goes to this one)."""
        paid = self._instalments()
        return any(b > a for a, b in pairwise(paid))

    @property
    def falls(self) -> bool:
        paid = self._instalments()
        return any(b < a for a, b in pairwise(paid))


@dataclass(frozen=True)
class PlanResult:
    spec: PlanSpec
    budget: Decimal
    creditors: tuple[CreditorPlan, ...]
    projection: Projection
    status_quo: Projection
    suggested_budget: Decimal | None = None  # the least tried budget under which every proposal is affordable

    @property
    def unaffordable_proposals(self) -> tuple[CreditorPlan, ...]:
        """The proposed options the budget's share does not cover (the letters then propose the share)."""
        return tuple(c for c in self.proposals if not c.affordable)

    @property
    def proposals_affordable(self) -> bool:
        return not self.unaffordable_proposals

    @property
    def saving(self) -> Decimal:
        """What the status quo would cost to clear under the same budget, less what the plan costs."""
        return self.status_quo.cost - self.projection.cost

    @property
    def proposals(self) -> tuple[CreditorPlan, ...]:
        return tuple(c for c in self.creditors if c.choice.proposed)


def build_plan(
    positions: Sequence[DebtPosition],
    spec: PlanSpec,
    as_of: date,
    limits: PlanLimits,
    freeze_growing: bool = True,
) -> PlanResult:
    """The plan: options per creditor, the projection and the status quo under ``spec.budget``.

    A proposal whose share of the budget does not cover the interest its option charges would grow; the plan
    does not propose that: it plans the debt with the interest frozen (停息挂账) and says so (``growth``), again
    until no proposal grows. ``freeze_growing=False`` plans every option as chosen (the rule before issue 19,
    kept for the golden fixture)."""
    if spec.budget is None:
        raise ValidationError(
            Text("请给出每月可用于还款的金额", "give the amount affordable a month"), "plan.budget"
        )
    known = {p.id for p in positions}
    for index, choice in enumerate(spec.choices):
        if choice.debt_id not in known:
            raise ValidationError(
                Text(f"案件中没有债务 {choice.debt_id}", f"no such debt: {choice.debt_id}"),
                f"plan.creditors[{index}].id",
            )
    start = spec.start or add_months(first_of_month(as_of), 1)
    marked = tuple(_with_priority(p, spec.choice(p.id).priority) for p in positions)
    terms, outcomes = [], []
    for position in marked:
        choice = spec.choice(position.id)
        where = _where(spec, position.id)
        terms.append(
            terms_for(position, choice.option, limits, where)
        )  # a limit broken is refused here, located
        outcomes.append(option_outcome(position, choice.option, limits))
    planned, growth = tuple(terms), {}
    while True:  # each pass freezes at least one more proposal, or ends
        plan = projected(planned, spec.budget, start, spec.strategy, spec.minimum)
        paid = schedules(plan)
        grown = {
            t.position.id: g
            for t in planned
            if spec.choice(t.position.id).proposed and t.rate > 0
            for g in [growing(t, paid.get(t.position.id, ()))]
            if g is not None
        }
        if not grown or not freeze_growing:
            break
        growth.update(grown)
        planned = tuple(replace(t, rate=ZERO) if t.position.id in grown else t for t in planned)
    quo = status_quo_of(marked, spec.budget, start, spec.strategy, spec.minimum)
    creditors = tuple(
        CreditorPlan(
            p, spec.choice(p.id), o, plan.debt(p.id), affordability(plan, p.id, t, o, paid.get(p.id, ())),
            paid.get(p.id, ()), growth.get(p.id),
        )
        for p, t, o in zip(marked, planned, outcomes, strict=True)
    )  # fmt: skip
    result = PlanResult(spec, spec.budget, creditors, plan, quo)
    if result.proposals_affordable:
        return result
    return replace(result, suggested_budget=suggest_budget(result, terms))


def growing(terms: DebtTerms, schedule: Sequence[PlannedPayment]) -> Growth | None:
    """The first month in which ``schedule`` (a creditor's months of a plan on ``terms``) leaves more owed than
    the month before while the proposal asks to be paid: every month, or after the grace of a deferral that pays
    nothing in it (its debt grows by agreement then). None when the balance never rises."""
    skip = 0 if terms.grace_pays_interest else terms.grace_months
    if isinstance(schedule, FenSchedule):
        rise = schedule.rise(skip, terms.principal + terms.charges)
        return None if rise is None else Growth(rise.month, rise.payment, rise.interest)
    before = terms.principal + terms.charges if skip == 0 else None
    for p in schedule:
        if p.month > skip and before is not None and p.balance > before:
            return Growth(p.month, p.payment, p.interest)
        before = p.balance
    return None


# What one keystroke of the plan builder changes is recomputed, the rest found here (each a pure function of its
# arguments, kept by value): an option's figures depend on its debt and the option alone, the status quo on the
# debts, the budget, the strategy, the minimum and the start; the plan's projection on the terms and the same.
# A change of one creditor's option recomputes that option and the plan's projection; a change of the budget,
# both projections and none of the options. The sizes bound the memory: an outcome is one debt's months, a
# projection every debt's.
option_outcome = lru_cache(maxsize=512)(evaluate_fast)
projected = lru_cache(maxsize=6)(project)
status_quo_of = lru_cache(maxsize=4)(status_quo)


def schedules(plan: Projection) -> dict[str, Sequence[PlannedPayment]]:
    """What ``plan`` pays each debt each month while it is owed, by debt id, from one pass over its months."""
    if plan.fen is not None:
        return dict(fen_schedules(plan.fen, [d.id for d in plan.debts], plan.start))
    paid: dict[str, list[PlannedPayment]] = {}
    for r in plan.rows:
        day = add_months(plan.start, r.index - 1)
        interest, balances = r.interest, r.balances
        for debt_id, payment in r.payments.items():
            row = PlannedPayment(
                r.index, day, payment, interest.get(debt_id, ZERO), balances.get(debt_id, ZERO)
            )
            if debt_id in paid:
                paid[debt_id].append(row)
            else:
                paid[debt_id] = [row]
    return {debt_id: tuple(rows) for debt_id, rows in paid.items()}


def affordability(
    plan: Projection,
    debt_id: str,
    terms: DebtTerms,
    outcome: OptionOutcome,
    schedule: Sequence[PlannedPayment],
) -> Affordability:
    """The option's monthly amount against the least the plan pays the creditor in the option's instalment
    months (after any grace, before the last one, which only clears the residue). ``schedule``: the creditor's
    months of ``plan`` (``schedules(plan)[debt_id]``)."""
    first_month = terms.grace_months + 1
    last_month = terms.grace_months + max(outcome.months - terms.grace_months, 1)
    if isinstance(schedule, FenSchedule):
        least = schedule.least(first_month, last_month)
        paid = [] if least is None else [least]
        first = schedule.first_paid() or ZERO
    else:
        paid = [
            p.payment
            for p in schedule
            if first_month <= p.month and (p.month < last_month or p.month == first_month)
        ]
        first = next((p.payment for p in schedule if p.payment > 0), ZERO)
    share = min(paid) if paid else ZERO
    if (
        first_month <= len(plan.rows) and not paid
    ):  # cleared before its instalments begin (the months run 1, 2 …)
        share = outcome.monthly
    result = plan.debt(debt_id)
    instalments = max(outcome.months - terms.grace_months, 0)
    return Affordability(outcome.monthly, instalments, share, first, result.payoff_index)


def suggest_budget(result: PlanResult, terms: Sequence[DebtTerms]) -> Decimal | None:
    """The least budget, of two tried, under which every proposed option is affordable (None: neither).

    First the chosen options' monthly amounts plus the minimum for each debt left as it stands; then, because
    a pro-rata split gives each debt a share of what its terms ask, the chosen monthly amounts plus what each
    other debt asks a month (at least the minimum). Each is checked by projecting the plan under it.
    """
    spec, plan = result.spec, result.projection
    chosen = sum((c.outcome.monthly for c in result.creditors if c.chosen), ZERO)
    others = [c for c in result.creditors if not c.chosen]
    floors = sum((min(spec.minimum, c.position.balance) for c in others), ZERO)
    asks = sum((min(max(c.outcome.monthly, spec.minimum), c.position.balance) for c in others), ZERO)
    for budget in sorted({cents(chosen + floors), cents(chosen + asks)}):
        if budget <= result.budget:
            continue
        trial = projected(tuple(terms), budget, plan.start, spec.strategy, spec.minimum)
        paid = schedules(trial)
        checks = (
            affordability(trial, c.position.id, t, c.outcome, paid.get(c.position.id, ()))
            for c, t in zip(result.creditors, terms, strict=True)
        )
        if all(a.affordable for c, a in zip(result.creditors, checks, strict=True) if c.choice.proposed):
            return budget
    return None


def _where(spec: PlanSpec, debt_id: str) -> str:
    for index, choice in enumerate(spec.choices):
        if choice.debt_id == debt_id:
            return f"plan.creditors[{index}]"
    return f"plan.creditors[{debt_id}]"


def _with_priority(position: DebtPosition, priority: bool) -> DebtPosition:
    return replace(position, priority=True) if priority and not position.priority else position
