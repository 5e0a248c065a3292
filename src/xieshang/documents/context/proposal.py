"""The proposal in the 协商还款申请书 and the 还款计划书: the plan's own figures, in words and as a schedule.

Every figure is the case view's plan for the creditor (:class:`~xieshang.view.CreditorPlan`): the option, the
months, the first and the regular monthly amount, the amount waived and the total are exactly what the plan
builder, ``xieshang case plan`` and the spreadsheet show. A sentence about payments rising appears only when the
schedule rises; a letter that asks for a waiver gives the total without what it asks to waive, and says both;
the requests ask for what the proposal needs and nothing it does not (a penalty waiver only with a waiver).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from xieshang.core.chinese_dates import chinese_date, chinese_month
from xieshang.core.money import ZERO
from xieshang.core.options import Deferral, Grace, InterestFreeze, Option, Reinstalment, Settlement, Waiver
from xieshang.core.terms import Loan
from xieshang.core.vocabulary import OptionKind, label
from xieshang.view import CaseView, CreditorPlan

from .debts import lent
from .text import capitals, clean, money, percent

GENERIC_REQUESTS = (
    "1. 请求贵方与申请人协商确定符合申请人实际还款能力的还款方案；",
    "2. 请求减免逾期产生的罚息、复利及违约金；",
    "3. 请求在协商还款期间停止计收利息（停息挂账）；",
    "4. 请求在协商期间暂停催收，并通过上述联系方式与申请人本人沟通。",
)
NO_COLLECTION = "请求在协商期间暂停催收，并通过上述联系方式与申请人本人沟通"


def _freezes(option: Option) -> bool:
    if isinstance(option, InterestFreeze):
        return True
    if isinstance(option, Waiver):
        return option.freeze or option.monthly_rate == 0
    return isinstance(option, (Reinstalment, Deferral)) and option.monthly_rate == 0


def _trend(plan: CreditorPlan) -> str:
    """The sentence after the first payment, only when the schedule is not level."""
    paid = [p.payment for p in plan.schedule[plan.grace_months :] if p.payment > 0]
    if not paid:
        return ""
    high, low = max(paid), min(paid[:-1] if plan.cleared and len(paid) > 1 else paid)
    if plan.rises and plan.falls:
        return (
            f"，此后各期金额随其他债务的还款而变化（最高{money(high)}元，最低{money(low)}元），详见还款计划表"
        )
    if plan.rises:
        return f"，此后随其他债务还清逐步增加，最高每月{money(high)}元"
    if plan.falls:
        return f"，此后逐月减少，最低每月{money(low)}元"
    return ""


def _instalments(plan: CreditorPlan) -> str:
    """``分24期还款，每期345.39元（最后一期345.33元）`` or, when the amounts change, the first and the trend."""
    start = plan.schedule[plan.grace_months].day if len(plan.schedule) > plan.grace_months else None
    count = plan.months - plan.grace_months
    paid = [p.payment for p in plan.schedule[plan.grace_months :]]
    when = f"自{chinese_date(start)}起" if start else ""
    if plan.rises or plan.falls or not paid:
        first = paid[0] if paid else ZERO
        return f"{when}分{count}期还款，首期{money(first)}元{_trend(plan)}"
    level, last = paid[0], paid[-1]
    tail = f"（最后一期{money(last)}元）" if last != level else ""
    return f"{when}分{count}期还款，每期{money(level)}元{tail}"


def _grace(plan: CreditorPlan) -> str:
    option = plan.choice.option
    if not isinstance(option, Deferral):
        return ""
    if option.grace == Grace.INTEREST_ONLY:
        during = f"只偿还利息，首月{money(plan.first_payment)}元"
    else:
        during = "暂不还款"
    return f"先宽限{option.grace_months}个月（宽限期内{during}），"


def _option_terms(option: Option, frozen: bool = False) -> str:
    """What the option changes, in words (``frozen``: the plan freezes it because its share cannot cover the
    interest)."""
    if frozen or isinstance(option, InterestFreeze):
        return "停止计收利息"
    if (
        isinstance(option, (Reinstalment, Deferral, Waiver))
        and option.monthly_rate is not None
        and not _freezes(option)
    ):
        return f"按月利率{percent(option.monthly_rate)}计息"
    if _freezes(option):
        return "停止计收利息"
    return "按合同利率计息"


def proposal_paragraphs(view: CaseView, loan: Loan, plan: CreditorPlan) -> list[str]:
    """The proposal for one debt, every figure the plan's."""
    option, position = plan.choice.option, plan.position
    name = label(option.kind).zh
    lines = [
        f"就{lent(loan, to_creditor=True)}，申请人提出的方案为：{name}。截至{chinese_date(view.as_of)}，该笔借款尚欠本金"
        f"{money(position.principal)}元，利息、罚息及费用{money(position.charges)}元，合计{money(position.balance)}元。"
    ]
    waived = plan.waived
    if isinstance(option, Settlement):
        lump = position.balance - waived
        lines.append(
            f"申请人请求按尚欠合计的{percent(option.share)}即{money(lump)}元结清该笔借款，减免其余{money(waived)}元。"
        )
    elif isinstance(option, Waiver):
        scope = label(option.scope).zh
        rest = _option_terms(option, plan.growth is not None)
        lines.append(f"申请人请求{scope}，共{money(waived)}元；其余欠款{rest}。")
    if plan.affordable or not plan.schedule:
        if isinstance(option, Settlement) and option.months == 1:
            lines.append("申请人将一次付清。")
        elif isinstance(option, (Settlement, Waiver)):
            lines.append(f"申请人{_instalments(plan)}。")
        else:
            lines.append(
                f"按此方案，{_grace(plan)}{_option_terms(option, plan.growth is not None)}，{_instalments(plan)}。"
            )
    else:
        asks = plan.affordability
        assert asks is not None
        lines.append(
            f"申请人每月可用于偿还全部债务的金额为{money(view.available or plan_budget(view))}元，按同一规则在各债权人之间分配，"
            f"不足以按{_option_months(option)}期每期{money(asks.option_monthly)}元还款。因此申请人{_grace(plan)}"
            f"{_instalments(plan)}。"
        )
    if plan.growth is not None:
        lines.append(
            f"按上述金额，每月还款{money(plan.growth.share)}元不足以支付每月新产生的{money(plan.growth.interest)}元利息，"
            "如继续计息，欠款将越还越多。因此申请人请求自方案开始起停止计收利息（停息挂账），上述还款全部用于偿还欠款，"
            "还款计划表即按停息计算。"
        )
    total = plan.total
    if waived > 0:
        lines.append(
            f"按此方案合计还款{money(total)}元（大写：{capitals(total)}），已扣除请求减免的{money(waived)}元；"
            f"如不减免，合计应还{money(total + waived)}元。"
        )
    else:
        lines.append(f"按此方案合计还款{money(total)}元（大写：{capitals(total)}）。")
    return [clean(line) for line in lines]


def plan_budget(view: CaseView) -> Decimal:
    plan = view.plan
    return plan.budget if plan is not None else ZERO


def _option_months(option: Option) -> int:
    """The instalments the option itself asks for (after any grace)."""
    return int(getattr(option, "months", 1))


def schedule_rows(plan: CreditorPlan) -> list[dict[str, str]]:
    return [
        {
            "period": str(number),
            "due_date": chinese_month(p.day),
            "payment": money(p.payment),
            "principal": money(p.payment - min(p.payment, p.interest)),
            "charges": money(p.interest),
            "balance": money(p.balance),
        }
        for number, p in enumerate(plan.schedule, start=1)
    ]


def requests(plans: Sequence[CreditorPlan]) -> list[str]:
    """What the application asks: agreement to the proposal, then only what the proposal needs."""
    if not plans:
        return list(GENERIC_REQUESTS)
    wanted = ["请求贵方同意按上述还款方案协商还款"]
    for plan in plans:
        option = plan.choice.option
        if option.kind is OptionKind.WAIVER and plan.waived > 0:
            wanted.append(f"请求{label(option.scope).zh}，共{money(plan.waived)}元")  # type: ignore[union-attr]
        if option.kind is OptionKind.SETTLEMENT:
            wanted.append("请求贵方接受按上述金额结清，并在结清后出具结清证明")
        if _freezes(option) or plan.growth is not None:
            wanted.append("请求在还款期间停止计收利息（停息挂账）")
    wanted.append(NO_COLLECTION)
    wanted = list(dict.fromkeys(wanted))
    return [f"{n}. {text}{'。' if n == len(wanted) else '；'}" for n, text in enumerate(wanted, start=1)]


def plan_context(view: CaseView, debts: Sequence[Loan]) -> tuple[dict[str, object], list[CreditorPlan]]:
    """The ``plan`` part of the context for a letter about ``debts``, and the proposals it states."""
    plans = [view.proposals[d.id] for d in debts if d.id in view.proposals]
    lines = [
        line
        for d in debts
        if d.id in view.proposals
        for line in proposal_paragraphs(view, d, view.proposals[d.id])
    ]
    rows = [row for p in plans for row in schedule_rows(p)]
    total = sum((p.total for p in plans), ZERO)
    interest = sum((m.interest for p in plans for m in p.schedule), ZERO)
    return (
        {
            "given": bool(lines),
            "paragraphs": lines,
            "missing": "（尚未制定还款方案）",
            "rows": rows,
            "rows_missing": "（尚未制定还款方案，暂无还款计划表）",
            "total": money(total),
            "total_capitals": capitals(total),
            "total_principal": money(total - interest),
            "total_charges": money(interest),
        },
        plans,
    )
