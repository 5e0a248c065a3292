"""A negotiation plan (协商还款计划): the case file's ``plan:`` section and the plan it builds.

The section, in the case file::

    plan:
      strategy: pro-rata          # pro-rata | balance | avalanche | snowball
      budget: 3000                # affordable a month (or from the budget statement)
      minimum: 50                 # the least each creditor gets when the budget allows
      start: 2026-12              # first month of payments (default: the month after as_of)
      creditors:
        - id: cmb-card
          option: interest_freeze # as_is | reinstalment | deferral | interest_freeze | waiver | settlement
          months: 60
          proposed: true          # the option to propose in the letter
        - id: jiebei
          option: deferral
          grace_months: 3
          grace: interest_only    # or nothing
          months: 24
          monthly_rate_percent: 0.5
        - id: weilidai
          option: settlement
          share_percent: 40

:func:`build_plan` turns a case and a :class:`PlanSpec` into a :class:`PlanResult`: each creditor's option on its
own (``options.evaluate``), the whole plan month by month and the status quo under the same budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from .allocation import DEFAULT_MINIMUM, Strategy
from .analysis import schedule_or_note
from .case import Case
from .cost import true_cost
from .dates import add_months
from .errors import FieldError, ValidationError, XieshangError
from .legal import LegalLines, LprSeries, applicable_lines
from .money import ZERO, cents, parse_amount, percent_to_rate, rate_to_percent
from .options import (
    AsIs,
    DebtPosition,
    DebtTerms,
    Deferral,
    InterestFreeze,
    Option,
    OptionKind,
    OptionOutcome,
    PlanLimits,
    Reinstalment,
    Settlement,
    Waiver,
    evaluate,
    terms_for,
)
from .overdue import overdue_status
from .projection import DebtResult, Projection, first_of_month, project, status_quo
from .terms import Method


@dataclass(frozen=True)
class CreditorChoice:
    debt_id: str
    option: Option = field(default_factory=AsIs)
    proposed: bool = False  # this option is the proposal to send
    priority: bool = False  # paid before the others (e.g. a court judgment)


@dataclass(frozen=True)
class PlanSpec:
    strategy: Strategy = Strategy.PRO_RATA
    budget: Decimal | None = None
    minimum: Decimal = DEFAULT_MINIMUM
    start: date | None = None  # first day of the first month
    choices: tuple[CreditorChoice, ...] = ()

    def choice(self, debt_id: str) -> CreditorChoice:
        for choice in self.choices:
            if choice.debt_id == debt_id:
                return choice
        return CreditorChoice(debt_id)


_COMMON = ("id", "option", "proposed", "priority")
_PARAMS: dict[OptionKind, tuple[str, ...]] = {
    OptionKind.AS_IS: (),
    OptionKind.REINSTALMENT: ("months", "monthly_rate_percent"),
    OptionKind.DEFERRAL: ("grace_months", "grace", "months", "monthly_rate_percent"),
    OptionKind.INTEREST_FREEZE: ("months",),
    OptionKind.WAIVER: ("scope", "months", "monthly_rate_percent", "freeze"),
    OptionKind.SETTLEMENT: ("share_percent", "months"),
}
_REQUIRED: dict[OptionKind, tuple[str, ...]] = {
    OptionKind.REINSTALMENT: ("months",),
    OptionKind.DEFERRAL: ("grace_months", "months"),
    OptionKind.INTEREST_FREEZE: ("months",),
    OptionKind.SETTLEMENT: ("share_percent",),
}


def plan_from_dict(data: Any, path: str = "plan") -> PlanSpec:
    """The ``plan:`` section as a :class:`PlanSpec`; every problem located (``plan.creditors[1].months: …``)."""
    if data is None:
        return PlanSpec()
    if not isinstance(data, Mapping):
        raise ValidationError("必须是一组字段（strategy, budget, creditors …）/ must be a mapping", path)
    errors: list[FieldError] = []
    _unknown(data, ("strategy", "budget", "minimum", "start", "creditors"), path, errors)
    strategy = Strategy.PRO_RATA
    if data.get("strategy") is not None:
        try:
            strategy = Strategy(str(data["strategy"]).replace("_", "-"))
        except ValueError:
            shown = ", ".join(s.value for s in Strategy)
            errors.append(FieldError(f"{path}.strategy", f"应为 {shown} 之一 / must be one of {shown}"))
    budget = _amount(data.get("budget"), f"{path}.budget", errors)
    minimum = _amount(data.get("minimum"), f"{path}.minimum", errors)
    if minimum is not None and minimum < 0:
        errors.append(FieldError(f"{path}.minimum", "不能为负 / cannot be negative"))
    start = _month(data.get("start"), f"{path}.start", errors)
    choices: list[CreditorChoice] = []
    seen: set[str] = set()
    raw = data.get("creditors") or []
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        errors.append(FieldError(f"{path}.creditors", "应为列表 / must be a list"))
        raw = []
    for index, item in enumerate(raw):
        here = f"{path}.creditors[{index}]"
        try:
            choice = _choice(item, here)
        except ValidationError as error:
            errors.extend(error.errors)
            continue
        if choice.debt_id in seen:
            errors.append(FieldError(f"{here}.id", f"重复的债务 {choice.debt_id} / duplicate id"))
        seen.add(choice.debt_id)
        choices.append(choice)
    if errors:
        raise ValidationError(errors)
    return PlanSpec(strategy, budget, DEFAULT_MINIMUM if minimum is None else minimum, start, tuple(choices))


def _unknown(data: Mapping[str, Any], known: Sequence[str], path: str, errors: list[FieldError]) -> None:
    for key in data:
        if key not in known:
            errors.append(FieldError(f"{path}.{key}", "未知字段 / unknown field"))


def _amount(value: Any, path: str, errors: list[FieldError]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return parse_amount(value, path)
    except ValidationError as error:
        errors.extend(error.errors)
        return None


def _month(value: Any, path: str, errors: list[FieldError]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return first_of_month(value)
    text = str(value).strip()
    try:
        return first_of_month(date.fromisoformat(text if len(text) > 7 else f"{text}-01"))
    except ValueError:
        errors.append(FieldError(path, f"月份格式应为 2026-12，收到 {value!r} / write the month as 2026-12"))
        return None


def _choice(item: Any, here: str) -> CreditorChoice:
    if not isinstance(item, Mapping) or not item.get("id"):
        raise ValidationError("每一项需要 id / each entry needs an id", here)
    errors: list[FieldError] = []
    try:
        kind = OptionKind(str(item.get("option") or "as_is"))
    except ValueError:
        shown = ", ".join(k.value for k in OptionKind)
        raise ValidationError(f"应为 {shown} 之一 / must be one of {shown}", f"{here}.option") from None
    _unknown(item, (*_COMMON, *_PARAMS[kind]), here, errors)
    for key in _REQUIRED.get(kind, ()):
        if item.get(key) is None:
            errors.append(FieldError(f"{here}.{key}", f"{kind.value} 需要此项 / required for {kind.value}"))
    if errors:
        raise ValidationError(errors)

    def integer(key: str, default: int) -> int:
        value = item.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
            raise ValidationError("应为正整数 / must be a whole number", f"{here}.{key}")
        return int(value)

    def percent(key: str) -> Decimal | None:
        value = item.get(key)
        return None if value is None else percent_to_rate(value, f"{here}.{key}")

    def one_of(key: str, allowed: tuple[str, ...]) -> Any:
        value = str(item.get(key) or allowed[0])
        if value not in allowed:
            raise ValidationError(
                f"应为 {', '.join(allowed)} 之一 / must be one of {', '.join(allowed)}", f"{here}.{key}"
            )
        return value

    option: Option
    if kind is OptionKind.AS_IS:
        option = AsIs()
    elif kind is OptionKind.REINSTALMENT:
        option = Reinstalment(integer("months", 0), percent("monthly_rate_percent"))
    elif kind is OptionKind.DEFERRAL:
        grace = one_of("grace", ("interest_only", "nothing"))
        option = Deferral(
            integer("grace_months", 0), integer("months", 0), grace, percent("monthly_rate_percent")
        )
    elif kind is OptionKind.INTEREST_FREEZE:
        option = InterestFreeze(integer("months", 0))
    elif kind is OptionKind.WAIVER:
        scope = one_of("scope", ("penalties_and_fees", "above_legal_line"))
        option = Waiver(
            scope, integer("months", 12), percent("monthly_rate_percent"), bool(item.get("freeze", False))
        )
    else:
        share = percent("share_percent")
        option = Settlement(share if share is not None else ZERO, integer("months", 1))
    return CreditorChoice(
        str(item["id"]), option, bool(item.get("proposed", False)), bool(item.get("priority", False))
    )


def _percent(rate: Decimal) -> str:
    return format(rate_to_percent(rate).normalize(), "f")


def plan_to_dict(spec: PlanSpec) -> dict[str, Any]:
    """The inverse of :func:`plan_from_dict`: ``plan_from_dict(plan_to_dict(s)) == s``."""
    out: dict[str, Any] = {"strategy": spec.strategy.value}
    if spec.budget is not None:
        out["budget"] = f"{spec.budget:.2f}"
    out["minimum"] = f"{spec.minimum:.2f}"
    if spec.start is not None:
        out["start"] = f"{spec.start:%Y-%m}"
    creditors = []
    for choice in spec.choices:
        item: dict[str, Any] = {"id": choice.debt_id, "option": choice.option.kind.value}
        option = choice.option
        for key in ("months", "grace_months", "grace", "scope"):
            if hasattr(option, key):
                item[key] = getattr(option, key)
        if isinstance(option, Waiver):
            item["freeze"] = option.freeze
        rate = getattr(option, "monthly_rate", None)
        if rate is not None:
            item["monthly_rate_percent"] = _percent(rate)
        if isinstance(option, Settlement):
            item["share_percent"] = _percent(option.share)
        item["proposed"] = choice.proposed
        item["priority"] = choice.priority
        creditors.append(item)
    out["creditors"] = creditors
    return out


_MONEY = {"type": ["string", "number"], "description": '金额，如 3000、"¥3,000.00" 或 "0.3万"'}
_PERCENT = {"type": ["string", "number"], "description": '百分数，如 0.5 或 "0.5%"'}
PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "协商还款计划 Negotiation plan: budget, strategy and the option chosen per creditor",
    "properties": {
        "strategy": {"type": "string", "enum": [s.value for s in Strategy]},
        "budget": _MONEY,
        "minimum": _MONEY,
        "start": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
        "creditors": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "option": {"type": "string", "enum": [k.value for k in OptionKind]},
                    "proposed": {"type": "boolean"},
                    "priority": {"type": "boolean"},
                    "months": {"type": ["integer", "string"]},
                    "grace_months": {"type": ["integer", "string"]},
                    "grace": {"type": "string", "enum": ["interest_only", "nothing"]},
                    "monthly_rate_percent": _PERCENT,
                    "scope": {"type": "string", "enum": ["penalties_and_fees", "above_legal_line"]},
                    "freeze": {"type": "boolean"},
                    "share_percent": _PERCENT,
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Affordability:
    """Whether the budget's share for one creditor covers what its option asks (够不够按方案还).

    The option asks ``option_monthly`` (its level instalment, after any grace). The plan gives the creditor
    ``share``: what the projection pays it in the option's first instalment month (the first month, or the
    month after a deferral's grace). ``shortfall`` is the gap, zero when covered; ``projected_months`` is the
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
class CreditorPlan:
    position: DebtPosition
    choice: CreditorChoice
    outcome: OptionOutcome  # the option on its own: what it asks and what it saves
    result: DebtResult  # what the plan actually pays this creditor
    affordability: Affordability | None = None  # set by build_plan

    @property
    def chosen(self) -> bool:
        """An option other than the debt as it stands, or one marked to propose."""
        return self.choice.proposed or self.choice.option.kind is not OptionKind.AS_IS

    @property
    def affordable(self) -> bool:
        return self.affordability is None or self.affordability.affordable


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
    case: Case,
    spec: PlanSpec,
    as_of: date,
    limits: PlanLimits,
    positions: Sequence[DebtPosition] | None = None,
) -> PlanResult:
    """The plan for ``case``: options per creditor, the projection and the status quo under ``spec.budget``."""
    if spec.budget is None:
        raise ValidationError(
            "请给出每月可用于还款的金额 / give the amount affordable a month", "plan.budget"
        )
    if positions is None:
        positions = positions_from_case(case, as_of)
    known = {p.id for p in positions}
    for index, choice in enumerate(spec.choices):
        if choice.debt_id not in known:
            raise ValidationError(
                f"案件中没有债务 {choice.debt_id} / no such debt", f"plan.creditors[{index}].id"
            )
    start = spec.start or add_months(first_of_month(as_of), 1)
    marked = []
    for position in positions:
        choice = spec.choice(position.id)
        marked.append(_with_priority(position, choice.priority))
    terms, outcomes = [], []
    for position in marked:
        choice = spec.choice(position.id)
        where = _where(spec, position.id)
        terms.append(terms_for(position, choice.option, limits, where))
        outcomes.append(evaluate(position, choice.option, limits, where))
    plan = project(terms, spec.budget, start, spec.strategy, spec.minimum)
    quo = status_quo(marked, spec.budget, start, spec.strategy, spec.minimum)
    creditors = tuple(
        CreditorPlan(p, spec.choice(p.id), o, plan.debt(p.id), affordability(plan, p.id, t, o))
        for p, t, o in zip(marked, terms, outcomes, strict=True)
    )
    result = PlanResult(spec, spec.budget, creditors, plan, quo)
    if result.proposals_affordable:
        return result
    return replace(result, suggested_budget=suggest_budget(result, terms))


def affordability(plan: Projection, debt_id: str, terms: DebtTerms, outcome: OptionOutcome) -> Affordability:
    """The option's monthly amount against the creditor's share in the option's first instalment month."""
    month = terms.grace_months + 1
    row = next((r for r in plan.rows if r.index == month), None)
    share = row.payments.get(debt_id, ZERO) if row is not None else ZERO
    if row is not None and debt_id not in row.payments:  # cleared before its instalments begin
        share = outcome.monthly
    first = next((r.payments[debt_id] for r in plan.rows if r.payments.get(debt_id, ZERO) > 0), ZERO)
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
        trial = project(terms, budget, plan.start, spec.strategy, spec.minimum)
        checks = (
            affordability(trial, c.position.id, t, c.outcome)
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


def positions_from_case(
    case: Case, as_of: date, lines: LegalLines | None = None, lpr: LprSeries | None = None
) -> tuple[DebtPosition, ...]:
    """Where each debt of ``case`` stands on ``as_of``, from the debt engine.

    Outstanding principal, interest, fees (incl. 违约金) and penalty (罚息, 复利) come from ``overdue_status``; the
    rate a month as things stand is the 罚息 rate when an instalment is overdue, else the contract's; the yearly
    rate the avalanche ranks by is the true cost (IRR) where one exists; the pro-rata basis is the next
    instalment the contract asks (the last one once the term has ended). With ``lines`` and ``lpr`` the
    ``excess`` is the largest charged above any legal line that applies.
    """
    positions = []
    for loan in case.debts:
        schedule, _note = schedule_or_note(loan)
        status = overdue_status(loan, as_of, schedule, lpr)
        out = status.outstanding
        try:
            apr: Decimal | None = true_cost(loan, schedule).apr
        except XieshangError:
            apr = None
        upcoming = [p for p in schedule.periods if p.due_date > as_of]
        regular = upcoming[0] if upcoming else (schedule.periods[-1] if schedule.periods else None)
        contract_rate = loan.nominal_annual_rate / 12
        overdue = status.days_overdue > 0 and loan.method is not Method.REVOLVING  # cards: no 罚息
        rate = status.penalty_rate / 12 if overdue else contract_rate
        excess = ZERO
        if lines is not None and lpr is not None:
            results = applicable_lines(loan, lines, lpr, as_of, schedule=schedule, overdue=status, apr=apr)
            excess = max((r.excess for r in results if r.applies), default=ZERO)
        positions.append(
            DebtPosition(
                id=loan.id,
                creditor=loan.creditor or loan.id,
                lender_type=loan.lender_type,
                principal=out.principal,
                interest=out.interest,
                fees=out.fees,
                penalty=out.penalty,
                monthly_rate=rate,
                contract_rate=contract_rate,
                apr=apr,
                contractual_monthly=regular.payment if regular is not None else ZERO,
                excess=excess,
            )
        )
    return tuple(positions)
