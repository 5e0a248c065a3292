"""One keystroke in the plan builder: ``build_plan`` recomputes what the change affects and finds the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from xieshang.core import plan as plan_module
from xieshang.core.allocation import Strategy
from xieshang.core.options import DebtPosition, InterestFreeze, Reinstalment
from xieshang.core.plan import CreditorChoice, PlanSpec, build_plan
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

D = Decimal
AS_OF = date(2026, 3, 10)
POSITIONS = [
    DebtPosition("card", "某银行信用卡", LenderType.CREDIT_CARD, D("20000.00"), penalty=D("800.00"),
                 monthly_rate=D("0.015"), contractual_monthly=D("2000.00")),
    DebtPosition("app", "某网络借贷平台", LenderType.ONLINE_PLATFORM, D("8000.00"), interest=D("300.00"),
                 monthly_rate=D("0.02"), contractual_monthly=D("900.00")),
    DebtPosition("loan", "某消费金融公司", LenderType.CONSUMER_FINANCE, D("12000.00"),
                 monthly_rate=D("0.01"), contractual_monthly=D("1100.00")),
]  # fmt: skip
SPEC = PlanSpec(
    Strategy.PRO_RATA,
    D("2500.00"),  # covers both proposals: no suggested budget to try
    choices=(
        CreditorChoice("card", Reinstalment(36), proposed=True),
        CreditorChoice("app", InterestFreeze(24), proposed=True),
    ),
)


def _misses() -> tuple[int, int, int]:
    return (
        plan_module.option_outcome.cache_info().misses,
        plan_module.projected.cache_info().misses,
        plan_module.status_quo_of.cache_info().misses,
    )


def _fresh(spec: PlanSpec) -> plan_module.PlanResult:
    for memo in (plan_module.option_outcome, plan_module.projected, plan_module.status_quo_of):
        memo.cache_clear()
    return build_plan(POSITIONS, spec, AS_OF, plan_limits())


def test_a_changed_option_recomputes_that_option_and_the_plan_not_the_status_quo() -> None:
    """The builder shows the plan, then the person types 37 for the card's re-instalment (36 before): one option
    evaluated again (the card's; the platform's freeze and the loan as it stands are found), the plan's
    projection made again (the card asks less a month), the status quo found (it does not depend on an option).
    The plan is the one built from nothing for the new figures."""
    limits = plan_limits()
    _fresh(SPEC)
    before = _misses()
    card = replace(SPEC.choices[0], option=Reinstalment(37))
    changed = replace(SPEC, choices=(card, SPEC.choices[1]))
    result = build_plan(POSITIONS, changed, AS_OF, limits)
    after = _misses()
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (1, 1, 0)
    assert result == _fresh(changed)


def test_a_changed_budget_recomputes_both_projections_and_no_option() -> None:
    """The person changes the budget from 2,500 to 2,600: what each option asks does not depend on the budget
    (no option evaluated again); the plan and the status quo are projected again under the new budget."""
    _fresh(SPEC)
    before = _misses()
    changed = replace(SPEC, budget=D("2600.00"))
    result = build_plan(POSITIONS, changed, AS_OF, plan_limits())
    after = _misses()
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (0, 1, 1)
    assert result == _fresh(changed)
    assert result.budget == D("2600.00")


def test_ticking_proposed_recomputes_nothing_but_the_affordability() -> None:
    """Marking the loan (left as it stands) as a proposal changes no debt's terms, the budget or the strategy:
    no option, no projection made again; the loan is now among the proposals."""
    _fresh(SPEC)
    before = _misses()
    changed = replace(SPEC, choices=(*SPEC.choices, CreditorChoice("loan", proposed=True)))
    result = build_plan(POSITIONS, changed, AS_OF, plan_limits())
    assert _misses() == before
    assert [c.position.id for c in result.proposals] == ["card", "app", "loan"]
    assert result == _fresh(changed)
