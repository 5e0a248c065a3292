"""Issue 19's plan rules: the fair default split, and no proposal in which the debt grows."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang import casefile, reference
from xieshang.core.allocation import DEFAULT_MINIMUM, Claim, Strategy, allocate
from xieshang.core.errors import ValidationError
from xieshang.core.options import DebtPosition
from xieshang.core.plan import PlanResult, PlanSpec, build_plan
from xieshang.core.plan_notes import creditor_extra_cost, extra_cost, plan_extra_cost
from xieshang.core.positions import positions_from_case
from xieshang.core.terms import LenderType
from xieshang.reference import legal_lines, lpr_series, plan_limits

from .plan_golden import LIMITS, random_plan

D = Decimal
CENT = D("0.01")
AS_OF = date(2026, 11, 20)


def _three() -> list[DebtPosition]:
    """The journey's debts: a consumer loan, a revolving card (asks its minimum) and a private bullet loan past
    its date (asks everything)."""
    return [
        DebtPosition("loan", "某消费金融公司", LenderType.CONSUMER_FINANCE, D("20000.00"),
                     contractual_monthly=D("1800.00")),
        DebtPosition("card", "某银行信用卡", LenderType.CREDIT_CARD, D("15000.00"),
                     contractual_monthly=D("500.00")),
        DebtPosition("private", "王某某", LenderType.PRIVATE, D("33000.00"),
                     contractual_monthly=D("33000.00")),
    ]  # fmt: skip


def test_the_default_split_gives_each_creditor_its_share_of_what_is_owed() -> None:
    """¥2,850 a month among 20,000 + 15,000 + 33,000 = 68,000 owed (no interest, to work by hand), the default:
    2,850 × 20/68 = 838.235…, × 15/68 = 628.676…, × 33/68 = 1,383.088…; down to the 分 838.23 + 628.67 +
    1,383.08 = 2,849.98, the two 分 left go to the largest remainders (.0882, .0764): 838.23, 628.68, 1,383.09.
    By contractual payment (the default before) the bullet loan's 33,000 of 35,300 asked takes
    2,850 × 33,000 / 35,300 = 2,664.31 and the card 40.37, raised to the ¥50 minimum."""
    spec = PlanSpec(budget=D("2850.00"))
    assert spec.strategy is Strategy.FAIR
    month = build_plan(_three(), spec, AS_OF, plan_limits()).projection.rows[0].payments
    assert dict(month) == {"loan": D("838.23"), "card": D("628.68"), "private": D("1383.09")}
    old = build_plan(_three(), replace(spec, strategy=Strategy.PRO_RATA), AS_OF, plan_limits())
    assert old.projection.rows[0].payments["private"] > D("2600")
    assert old.projection.rows[0].payments["card"] == D("50.00")


claims = st.lists(
    st.tuples(
        st.integers(1, 8_000_000),  # balance in 分
        st.integers(0, 8_000_000),  # what its contract asks this month, in 分 (a bullet: all of it)
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(claims, st.integers(1, 2_000_000), st.sampled_from([D(0), D("30"), DEFAULT_MINIMUM, D("100.00")]))
def test_no_creditor_takes_more_than_its_share_of_what_is_owed_plus_the_minimum(
    items: list[tuple[int, int]], budget_cents: int, minimum: Decimal
) -> None:
    """Whatever each contract asks (a bullet loan all of it, a card its small minimum), the default split gives no
    creditor more than its balance's share of the budget or the minimum, whichever is more (and 1 分 of rounding),
    so none gets more than its share plus the minimum; and the shares add up to the budget (or all owed)."""
    budget = D(budget_cents) / 100
    given_claims = [
        Claim(f"c{n}", D(due) / 100, D(balance) / 100, D(balance) / 100)
        for n, (balance, due) in enumerate(items)
    ]
    owed = sum((c.balance for c in given_claims), D(0))
    split = allocate(budget, given_claims, Strategy.FAIR, minimum)
    for claim in given_claims:
        fair = budget * claim.balance / owed
        assert split.shares[claim.id] <= max(fair, min(minimum, claim.balance)) + CENT
        assert split.shares[claim.id] <= fair + minimum + CENT
    assert split.total == min(budget, owed)


def test_the_demo_small_loan_is_not_proposed_as_a_debt_that_grows() -> None:
    """The demo's 某小额贷款有限公司 (xiaodai): ¥4,000.00 principal and ¥194.09 of interest and penalties; the
    proposal waives the ¥66.29 of penalties, so ¥4,127.80 is owed at the contract's 1.8 % a month: 4,000 × 1.8 %
    = ¥72.00 of interest a month. Split by contractual payment (the demo's split before issue 19) the ¥770
    budget gives it ¥62.55, then the ¥50 minimum from month 7 (the bank loan's grace ends). As chosen, that is
    4,127.80 + 72.00 − 62.55 = 4,137.25 after month 1, +9.45 a month to 4,184.50 after month 6, +22.00 a month to
    4,250.50 after month 9: the 还款计划书 would propose a debt that grows for 162 months.
    The plan does not: it records the growth (month 1, ¥62.55 against ¥72.00), plans the debt with the interest
    frozen (no month accrues interest, the balance only falls), and the builder and the letter say so."""
    case = casefile.load_case_text(reference.read_data_text("demo-case.yaml"))
    assert case.as_of is not None and case.plan is not None
    positions = positions_from_case(case, case.as_of, legal_lines(), lpr_series())
    spec = replace(case.plan, strategy=Strategy.PRO_RATA)
    chosen = build_plan(positions, spec, case.as_of, plan_limits(), freeze_growing=False)
    grows = next(c for c in chosen.creditors if c.position.id == "xiaodai")
    assert [(p.payment, p.interest, p.balance) for p in grows.schedule[:1]] == [
        (D("62.55"), D("72.00"), D("4137.25"))
    ]
    assert grows.schedule[5].balance == D("4184.50") and grows.schedule[8].balance == D("4250.50")

    result = build_plan(positions, spec, case.as_of, plan_limits())
    xiaodai = next(c for c in result.creditors if c.position.id == "xiaodai")
    assert xiaodai.growth is not None
    assert (xiaodai.growth.month, xiaodai.growth.share, xiaodai.growth.interest) == (
        1,
        D("62.55"),
        D("72.00"),
    )
    assert all(p.interest == 0 for p in xiaodai.schedule)
    balances = [D("4127.80"), *(p.balance for p in xiaodai.schedule)]
    assert all(b <= a for a, b in pairwise(balances)) and xiaodai.cleared


def _rises(result: PlanResult) -> list[str]:
    """The proposals whose balance rises in a month they are asked to pay (a deferral paying nothing in its
    grace grows by agreement then)."""
    found = []
    for item in result.creditors:
        if not item.choice.proposed:
            continue
        option = item.choice.option
        skip = item.grace_months if getattr(option, "grace", None) == "nothing" else 0
        before = item.position.balance - item.waived if skip == 0 else None
        for p in item.schedule:
            if p.month > skip and before is not None and p.balance > before:
                found.append(item.position.id)
                break
            before = p.balance
    return found


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(list(Strategy)))
def test_no_proposed_schedule_grows_over_budgets_and_cases(seed: int, strategy: Strategy) -> None:
    """Random cases (the golden generator's: 1–30 debts of every kind, every option, budgets from nothing to
    plenty, priorities and minimums) under every strategy: no proposal's schedule leaves more owed in a month of
    its instalments than the month before. The same cases planned as chosen do grow now and then (checked over
    the golden's 200 cases: the rule is not vacuous)."""
    positions, spec, as_of = random_plan(random.Random(seed), seed % 25 + 1)
    try:
        result = build_plan(positions, replace(spec, strategy=strategy), as_of, LIMITS)
    except ValidationError:
        return  # an option out of its limits is refused, located (test_plan_golden)
    assert _rises(result) == []


def test_the_rule_is_not_vacuous() -> None:
    """Planned as chosen, some of the golden generator's cases propose a debt that grows; the plan freezes each."""
    grown = 0
    for index in range(60):
        positions, spec, as_of = random_plan(random.Random(index), index)
        try:
            chosen = build_plan(positions, spec, as_of, LIMITS, freeze_growing=False)
        except ValidationError:
            continue
        if _rises(chosen):
            grown += 1
            assert _rises(build_plan(positions, spec, as_of, LIMITS)) == []
    assert grown > 0


def test_a_cost_above_the_status_quo_is_explained() -> None:
    """¥5,626.43 more over 219 months against 131 as things stand: said as an amount paid more, with the
    reason (a longer term costs more interest) and what would avoid it; nothing when the plan saves."""
    text = extra_cost(D("-5626.43"), 219, 131)
    assert text is not None
    assert text.zh.startswith("比维持现状多付 ¥5,626.43：因为这个方案要 219 个月（维持现状 131 个月）")
    assert "停息挂账" in text.zh and "-¥" not in text.zh and "-¥" not in text.en
    assert text.en.startswith("¥5,626.43 more than as things stand: this plan takes 219 months")
    assert extra_cost(D("0.00"), 219, 131) is None and extra_cost(D("12.00"), 5, 9) is None


def test_the_demo_deferral_costs_more_and_says_why() -> None:
    """The demo under the default: every creditor's cost and the whole plan's against the status quo under the
    same budget; wherever the plan costs more, a sentence says why and none shows a negative saving."""
    case = casefile.load_case_text(reference.read_data_text("demo-case.yaml"))
    assert case.as_of is not None and case.plan is not None
    positions = positions_from_case(case, case.as_of, legal_lines(), lpr_series())
    result = build_plan(positions, case.plan, case.as_of, plan_limits())
    for item in result.creditors:
        quo = result.status_quo.debt(item.position.id)
        saving = (quo.paid + quo.remaining) - (item.result.paid + item.result.remaining)
        note = creditor_extra_cost(item, quo)
        assert (note is not None) == (saving < 0)
    assert (plan_extra_cost(result) is not None) == (result.saving < 0)


def test_a_term_past_the_planning_range_is_observed_with_its_source() -> None:
    """A card run over 61 months passes the 60 of 《商业银行信用卡业务监督管理办法》第七十条 (a regulation, checked
    against its text): the line quotes it; a private loan's 60 is this tool's range (no rule names a maximum), and
    the English says so in English; 60 months or fewer says nothing."""
    from xieshang.core.plan_notes import too_long

    limits = plan_limits()
    card = too_long(61, limits.rule(LenderType.CREDIT_CARD))
    assert card is not None and "第七十条" in card.zh and "已核对原文" in card.zh and "第七十条" in card.en
    private = too_long(233, limits.rule(LenderType.PRIVATE))
    assert private is not None and "233 个月" in private.zh
    assert "no rule names a maximum" in private.en and "无法定上限" not in private.en
    assert too_long(60, limits.rule(LenderType.CREDIT_CARD)) is None
