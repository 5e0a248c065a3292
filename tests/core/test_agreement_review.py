"""Every rule an agreement is reviewed by (``data/agreement_rules.yaml``): one agreement that passes it, one that
fails it, and the words the failing one is told.

The agreement that passes everything (``GOOD``): a bank loan that left ¥10,000.00 owed (principal only) the day
before the start; the agreement states that balance, waives ¥1,000.00 of interest, charges nothing of its own,
so the total is 10,000.00 − 1,000.00 + 0 = ¥9,000.00, paid in 12 instalments of ¥750.00 from 15 February 2027
(12 × 750.00 = 9,000.00); the statement leaves ¥1,000.00 a month, so a month asks 750.00 ≤ 1,000.00.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from xieshang.core.agreement_review import ReviewContext, ReviewFinding, review
from xieshang.core.agreements import (
    AgreedInstalment,
    Agreement,
    AgreementForm,
    CreditReporting,
    OnDefault,
    Payee,
    Waived,
    generate_instalments,
)
from xieshang.core.overdue import Outstanding
from xieshang.core.terms import LenderType, Loan, Method
from xieshang.reference import agreement_rules

D = Decimal
RULES = agreement_rules()
BANK = Loan("bank", D("12000"), date(2025, 1, 10), 12, Method.EQUAL_INSTALLMENT, D("0.12"), creditor="某银行")
CARD = replace(BANK, id="card", creditor="某银行信用卡中心", lender_type=LenderType.CREDIT_CARD)
OWED = Outstanding(D("10000"), D("0"), D("0"), D("0"), D("10000"))
RECORDING = ("ab" * 32,)

GOOD = Agreement(
    id="a1",
    debt_id="bank",
    made=AgreementForm.WRITTEN,
    agreed_on=date(2027, 1, 5),
    total=D("9000.00"),
    instalments=generate_instalments(D("9000.00"), date(2027, 2, 15), 12),
    creditor_party="客服李专员（工号 KD0571）",
    balance=D("10000.00"),
    principal_in_balance=D("10000.00"),
    waived=Waived(interest=D("1000.00")),
    grace_days=10,
    on_default=OnDefault.RENEGOTIATE,
    collection_stops=True,
    credit_reporting=CreditReporting.NEGOTIATED,
    charges_continue=False,
    no_new_card=True,
    account="某银行官方 App“还款”页",
    clauses="甲方同意减免利息 1,000.00 元，乙方分 12 期偿还 9,000.00 元。协议期间甲方停止催收。",
)


def context(loan: Loan = BANK, **changes: object) -> ReviewContext:
    values: dict[str, object] = {"loan": loan, "at_start": OWED, "available": D("1000"), **changes}
    return ReviewContext(**values)  # type: ignore[arg-type]


def findings(agreement: Agreement, ctx: ReviewContext | None = None) -> dict[str, ReviewFinding]:
    return {f.rule.id: f for f in review(agreement, ctx or context(), RULES)}


def test_the_good_agreement_passes_every_rule_for_a_loan_and_for_a_card():
    assert findings(GOOD) == {}
    assert findings(replace(GOOD, debt_id="card"), context(CARD)) == {}


def test_every_rule_in_the_data_has_a_case_here():
    assert {r.id for r in RULES} == set(FAILING)


def _instalments(total: str, months: int) -> tuple[AgreedInstalment, ...]:
    return generate_instalments(D(total), date(2027, 2, 15), months)


ORAL = replace(GOOD, made=AgreementForm.ORAL, recording=RECORDING, confirmation_requested=date(2027, 1, 6))

# rule id → (the agreement that fails it, the review's context, words its explanation must hold)
FAILING: dict[str, tuple[Agreement, ReviewContext, str]] = {
    "schedule-sums": (
        replace(
            GOOD, instalments=(*GOOD.instalments[:-1], replace(GOOD.instalments[-1], amount=D("749.99")))
        ),
        context(),
        # 11 × 750.00 + 749.99 = 8,999.99
        "协议写的还款总额是 9,000.00 元，但每期金额加起来是 8,999.99 元，相差 0.01 元",
    ),
    "total-matches-balance": (
        replace(GOOD, total=D("9500.00"), instalments=_instalments("9500.00", 12)),
        context(available=D("1000")),
        # 10,000.00 − 1,000.00 + 0 = 9,000.00 against 9,500.00
        "协议写明的欠款余额是 10,000.00 元，减免 1,000.00 元，协议期间另计利息费用 0.00 元，应还 9,000.00 元；"
        "协议写的还款总额是 9,500.00 元，相差 500.00 元",
    ),
    "penalties-kept": (
        GOOD,
        context(at_start=Outstanding(D("9700"), D("0"), D("300"), D("0"), D("10000"))),
        "罚息和复利是 300.00 元，协议只减免了 0.00 元",
    ),
    "statement-missing": (GOOD, context(available=None), "这份协议每月要还 750.00 元"),
    "fits-statement": (
        GOOD,
        # 750.00 + 200.00 (another agreement in February 2027) + 100.00 (the plan) = 1,050.00 > 1,000.00
        context(other_agreements={(2027, 2): D("200")}, plan_others={(2027, 2): D("100")}),
        "2027年2月：这份协议 750.00 元，其他协议 200.00 元，方案中给其他债权人的 100.00 元，合计 1,050.00 元；"
        "收支表每月可用于还款 1,000.00 元，差 50.00 元",
    ),
    "card-article-70": (
        replace(GOOD, debt_id="card", principal_in_balance=None, no_new_card=None),
        context(CARD),
        "这份记录缺少：余额的构成（其中本金多少）；还清前不再申请新卡的承诺",
    ),
    "card-five-years": (
        # 72 monthly instalments from 2027-02-15: the last on 2033-01-15, 72 months after the 2027-01-05 start
        replace(GOOD, debt_id="card", instalments=_instalments("9000.00", 72)),
        context(CARD),
        "最后一期在 2033-01-15，从协议开始算共 72 个月",
    ),
    "oral-recording-card": (
        replace(ORAL, debt_id="card", recording=()),
        context(CARD),
        "银行应当录音并保存到欠款还清",
    ),
    "oral-recording": (replace(ORAL, recording=()), context(), "电话里谈好的条件没有录音"),
    "oral-confirmation": (
        replace(ORAL, confirmation_requested=None),
        context(),
        "请对方用短信、邮件或书面协议确认每期日期、金额、减免和停止催收",
    ),
    "personal-account": (
        replace(GOOD, account="转到王经理个人微信"),
        context(),
        "打到业务员或“经理”个人账户的钱，债权人可能不承认收到，也可能是冒充的诈骗。（协议中写着“个人微信”）",
    ),
    "third-party-payee": (
        replace(GOOD, payee=Payee.THIRD_PARTY, account="某某科技有限公司"),
        context(),
        "协议要求把钱付给 某某科技有限公司，不是债权人本身",
    ),
    "agency-fees": (
        replace(GOOD, notes="对方说可以帮我做征信修复"),
        context(),
        "协议或备注中有“征信修复”",
    ),
    "extra-fees": (
        replace(GOOD, fees=D("500"), fee_payee="某咨询公司"),
        context(),
        "协议要求另付 500.00 元（付给 某咨询公司），这笔钱不算还款",
    ),
    "borrow-to-pay": (
        replace(GOOD, clauses=GOOD.clauses + "乙方可以以贷养贷。"),
        context(),
        "协议或对方的话里有“以贷养贷”",
    ),
    "blank-fields": (
        replace(GOOD, creditor_party="", clauses="乙方于每月___日前还款。"),
        context(),
        "没有填写的内容：代表债权人达成协议的人（姓名、工号或部门）；条款中的空白（___）",
    ),
    "unstated-terms": (
        replace(GOOD, grace_days=None, credit_reporting=CreditReporting.UNSTATED),
        context(),
        "协议没有写明：宽限期（迟还几天内不算违约）；征信怎么报送",
    ),
    "acceleration": (
        replace(GOOD, on_default=OnDefault.REMAINING_DUE),
        context(),
        "剩余款项全部提前到期。生活中一次意外就可能让整个协议作废，立即要还 9,000.00 元",
    ),
    "waiver-lapses": (
        replace(GOOD, clauses=GOOD.clauses + "乙方逾期的，减免作废。"),
        context(),
        "协议约定违约后减免作废（协议中写着“减免作废”）。已经减免的 1,000.00 元会被要求补回",
    ),
    "rights-waiver": (
        replace(GOOD, clauses=GOOD.clauses + "乙方放弃诉讼及投诉的权利。"),
        context(),
        "协议里有“放弃诉讼”",
    ),
    "vague-total": (
        replace(GOOD, clauses="还款金额以系统为准。"),
        context(),
        "协议里有“以系统为准”",
    ),
}


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_a_rule_fails_with_its_explanation_and_passes_once_put_right(rule_id: str) -> None:
    failing, ctx, words = FAILING[rule_id]
    found = findings(failing, ctx)
    assert rule_id in found, sorted(found)
    finding = found[rule_id]
    assert words in finding.explain.zh, finding.explain.zh
    assert finding.ask.zh and finding.ask.en and finding.concerns.zh and finding.explain.en
    assert "{" not in finding.explain.zh + finding.explain.en + finding.ask.zh + finding.ask.en
    assert finding.rule.source and finding.rule.confidence
    passing = GOOD if failing.debt_id == "bank" else replace(GOOD, debt_id="card")
    if rule_id.startswith("oral"):
        passing = ORAL if failing.debt_id == "bank" else replace(ORAL, debt_id="card")
    assert rule_id not in findings(passing, context(ctx.loan))


def test_the_credit_card_rules_are_not_applied_to_a_loan():
    """A bank loan lacking a card agreement's items, over five years: neither card rule applies."""
    long = replace(GOOD, principal_in_balance=None, no_new_card=None, instalments=_instalments("9000.00", 72))
    found = findings(long)
    assert "card-article-70" not in found and "card-five-years" not in found


def test_an_oral_agreement_comes_with_a_ready_text_asking_for_written_confirmation():
    found = findings(replace(ORAL, confirmation_requested=None), context(creditor="某银行", borrower="张三"))
    message = found["oral-confirmation"].message
    assert message is not None
    assert message.zh.startswith(
        "某银行您好，我是张三。2027年01月05日我与贵司客服李专员（工号 KD0571）电话协商"
    )
    assert "还款总额9,000.00元，减免1,000.00元，自2027年02月15日起分12期还款，首期750.00元" in message.zh
    assert "confirm this by SMS, e-mail or a written agreement" in message.en


def test_red_flags_come_first():
    bad = replace(GOOD, grace_days=None, payee=Payee.PERSONAL)
    ids = [f.rule.id for f in review(bad, context(), RULES)]
    assert ids == ["personal-account", "unstated-terms"]


def test_the_total_is_checked_against_the_contracts_balance_when_the_agreement_states_none():
    """No stated balance: the contract left ¥10,000.00, the agreement asks 9,000.00 and waives nothing listed:
    10,000.00 − 0 + 0 = 10,000.00 against 9,000.00."""
    found = findings(replace(GOOD, balance=None, waived=Waived()))
    assert "按合同算到协议开始前一天的欠款是 10,000.00 元" in found["total-matches-balance"].explain.zh
