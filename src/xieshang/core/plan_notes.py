"""What a plan says about itself in plain words (方案说明): why its split, why it costs more than the status quo,
why a proposal asks for an interest freeze, and a plan longer than the planning range.

Every sentence is a :class:`~xieshang.core.bilingual.Text` built from the plan's own figures, so the plan
builder, the letters and the spreadsheet say the same thing in Chinese and English. None is advice: a range is
quoted with its source and how sure that source is, and nothing promises what a creditor will accept.
"""

from __future__ import annotations

from decimal import Decimal

from .bilingual import Text
from .limits import LimitRule
from .money import yuan
from .plan import CreditorPlan, Growth, PlanResult
from .projection import DebtResult
from .vocabulary import Strategy, confidence_label, label

REASONS = {
    Strategy.FAIR: Text(
        "每家分到的钱与欠它的钱成比例（先保证每家最低还款额）：谁也不会因为合同是到期一次还清或只要求最低还款，"
        "就拿走大部分预算或只分到零头。",
        "Each creditor gets a share in proportion to what it is owed (after a minimum each): none takes most of the"
        " budget because its loan is due in one lump sum, and none gets crumbs because its card asks only a minimum.",
    ),
    Strategy.PRO_RATA: Text(
        "每家分到的钱与合同约定的月供成比例。到期一次还清的借款合同月供就是全部欠款，会分走大部分预算。",
        "Each creditor gets a share in proportion to its contractual monthly payment. A loan due in one lump sum"
        " asks for everything at once, so it takes most of the budget.",
    ),
    Strategy.BALANCE: Text(
        "预算够每家最低还款额时，按欠款余额比例分配；不够时按合同月供比例分配。",
        "In proportion to what each is owed when the budget covers every minimum; below that, in proportion to"
        " the contractual payments.",
    ),
    Strategy.AVALANCHE: Text(
        "每家先得最低还款额，其余先还年化成本最高的一家：总利息最少，但其他债权人要等更久。",
        "Each gets its minimum; the rest goes to the most expensive debt first: the least interest overall, but"
        " the other creditors wait longer.",
    ),
    Strategy.SNOWBALL: Text(
        "每家先得最低还款额，其余先还欠款最少的一家：较快还清一家，但总利息可能更多。",
        "Each gets its minimum; the rest goes to the smallest debt first: one is cleared sooner, but the interest"
        " overall may be more.",
    ),
}


def strategy_reason(strategy: Strategy) -> Text:
    """How ``strategy`` splits the budget, and why it matters, in one or two sentences."""
    return REASONS[strategy]


def no_budget_helps(strategy: Strategy) -> Text:
    """The warning when no budget tried makes every proposal affordable, naming the split actually chosen."""
    name = label(strategy)
    return Text(
        f"按现在的分配方式（{name.zh}），试过的预算都不能让每个拟提出的方案都够还。可以把方案改为期数更长的分期或"
        "停息挂账，或换一种分配方式再看。",
        f"With the split chosen ({name.en}), no budget tried makes every proposal affordable. Make a proposal a"
        " longer re-instalment or an interest freeze, or try another split.",
    )


def _why_longer(months: int, quo_months: int | None) -> Text:
    if quo_months is None or months > quo_months:
        quo = Text("维持现状", "as things stand") if quo_months is None else Text(
            f"维持现状 {quo_months} 个月", f"{quo_months} as things stand"
        )  # fmt: skip
        return Text(
            f"这个方案要 {months} 个月（{quo.zh}），还得越久，利息越多。",
            f"this plan takes {months} months ({quo.en}), and the longer a debt runs, the more interest it costs.",
        )
    return Text(
        "方案期间仍在计息，而维持现状时同样的预算分到这家的钱更多、还得更快。",
        "interest still runs under the plan, while as things stand the same budget gives this debt more a month"
        " and clears it sooner.",
    )


def extra_cost(saving: Decimal, months: int, quo_months: int | None) -> Text | None:
    """Why a plan (or one creditor in it) costs more than the status quo, and what would avoid it; None when it
    does not (``saving`` ≥ 0)."""
    if saving >= 0:
        return None
    why = _why_longer(months, quo_months)
    return Text(
        f"比维持现状多付 {yuan(-saving)}：因为{why.zh}想避免：缩短期数、请求停息挂账或减免利息，或提高预算。",
        f"{yuan(-saving)} more than as things stand: {why.en} To avoid it, shorten the term, ask for an interest"
        " freeze or a waiver of interest, or raise the budget.",
    )


def creditor_extra_cost(item: CreditorPlan, quo: DebtResult) -> Text | None:
    """:func:`extra_cost` for one creditor: the plan's cost for it against the status quo's."""
    saving = (quo.paid + quo.remaining) - (item.result.paid + item.result.remaining)
    return extra_cost(saving, item.months, quo.payoff_index)


def plan_extra_cost(result: PlanResult) -> Text | None:
    """:func:`extra_cost` for the whole plan."""
    quo = result.status_quo
    return extra_cost(result.saving, len(result.projection.rows), None if quo.capped else len(quo.rows))


def freeze_needed(growth: Growth) -> Text:
    """What the builder says of a proposal its share cannot keep from growing (it is planned frozen)."""
    share, interest = yuan(growth.share), yuan(growth.interest)
    return Text(
        f"按这个方案，每月分到的 {share} 不够支付每月新产生的 {interest} 利息，欠款会越还越多。所以方案按停息挂账"
        "计算，协商信也会请求停止计收利息；也可以提高预算，或改选期数更长的方案。",
        f"Under this option the {share} a month the budget gives does not cover the {interest} of interest that"
        " accrues each month, so the debt would grow. The plan is therefore worked out with the interest frozen"
        " and the letter asks for a freeze; or raise the budget, or choose a longer option.",
    )


def too_long(months: int, rule: LimitRule) -> Text | None:
    """A plain observation when a creditor's months run past the planning range of its kind (with the range's
    source and confidence); None within it."""
    if months <= rule.max_months:
        return None
    source, confidence = f"{rule.source}{rule.article}", confidence_label(rule.confidence)
    cited = source if rule.basis == "regulation" else "this tool's planning range: no rule names a maximum"
    return Text(
        f"这家要 {months} 个月才还清，超过 {rule.max_months} 个月（{source}，{confidence.zh}）。"
        "期限越长，对方越可能不同意；可以考虑停息挂账、减免，或提高预算。",
        f"This debt takes {months} months, more than {rule.max_months} ({cited}, {confidence.en}). The longer"
        " the term, the likelier a creditor refuses; consider an interest freeze, a waiver or a higher budget.",
    )
