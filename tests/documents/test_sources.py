"""Gathering a case file's plan, budget, contacts and materials into the documents, as the CLI does."""

from __future__ import annotations

import re
from decimal import Decimal

from xieshang.casefile import load_case_text
from xieshang.documents.context import build_context
from xieshang.documents.render import render_docx
from xieshang.documents.sources import gather
from xieshang.view import CaseView

from .text import docx_text

CASE = """\
version: 1
as_of: 2026-11-28
borrower: {name: 孙七, phone: "13900000000"}
debts:
  - {id: a1, creditor: 甲消费金融, lender_type: consumer_finance, principal: "12000", start_date: 2026-01-10,
     term_months: 12, method: equal_installment, annual_rate: 18}
plan:
  budget: 1500
  creditors:
    - {id: a1, option: interest_freeze, months: 24, proposed: true}
budget:
  income:
    - {category: salary, amount: 4000}
  expenses:
    - {category: housing, amount: 1500}
    - {category: food, amount: 1000, label: 伙食}
  assets:
    - {kind: vehicle, value: 20000, note: 2015年旧车}
contacts:
  - {id: c1, debt: a1, creditor: 甲消费金融, when: "2026-11-20 23:30", channel: 电话, direction: incoming,
     summary: 深夜来电催收}
materials:
  hardship: {reasons: [收入下降], description: 降薪一半}
"""


def _view(text: str) -> CaseView:
    return CaseView.of(load_case_text(text, "case.yaml"))


def _gathered(**options: object):  # type: ignore[no-untyped-def]
    return gather(_view(CASE), **options)  # type: ignore[arg-type]


def test_the_plan_becomes_the_proposal_and_its_schedule() -> None:
    gathered = _gathered()
    assert gathered.notes == ()
    context = build_context(gathered.inputs, "甲消费金融")
    application = docx_text(render_docx("application", context))
    assert "申请人提出的方案为：停息挂账" in application
    assert "1. 请求贵方同意按上述还款方案协商还款；" in application
    plan = docx_text(render_docx("repayment_plan", context))
    rows = [line for line in plan.splitlines() if re.match(r"^(1|24) \| \d{4}年\d+月 \|", line)]
    assert len(rows) == 2 and rows[0].startswith("1 | 2026年12月 | ")
    assert rows[0].split(" | ")[3] == "0.00"  # interest frozen: nothing accrues


def test_the_budget_becomes_the_financial_statement() -> None:
    """4,000 income − 1,500 housing − 1,000 food = 1,500 available (statement.evaluate)."""
    text = docx_text(render_docx("financial_statement", build_context(_gathered().inputs)))
    assert "工资收入 | 收入 | 4,000.00" in text and "伙食 | 弹性生活支出 | 1,000.00" in text
    assert "每月可用于还款的金额为人民币1,500.00元（大写：人民币壹仟伍佰元整）" in text
    assert "资产：车辆20,000.00元（2015年旧车）。" in text


def test_contacts_become_findings_and_the_complaint_can_go_to_12378() -> None:
    gathered = _gathered(complaint_to="regulator")
    text = docx_text(render_docx("collection_complaint", build_context(gathered.inputs, "a1")))
    assert "致：国家金融监督管理总局 消费者投诉热线（12378）" in text
    assert "2026年11月20日" in text and "被投诉机构：甲消费金融" in text
    assert "15日内答复" not in text  # the reply deadline is for the borrower to know, not for the letter


def test_a_plan_without_budget_is_left_out_with_a_note() -> None:
    """Without a statement and without a budget of its own the plan cannot be built: no proposal, a note."""
    without = re.sub(r"^budget:\n(?:  .*\n)+", "", CASE.replace("  budget: 1500\n", ""), flags=re.M)
    gathered = gather(_view(without))
    assert gathered.inputs.view.proposals == {}
    assert gathered.notes and "每月可用于还款的金额" in gathered.notes[0]


def test_a_stored_budget_the_statement_contradicts_is_said_and_not_used() -> None:
    """The statement leaves 4,000 − 1,500 − 1,000 = 1,500.00; a plan saved with 800 is built with 1,500."""
    gathered = gather(_view(CASE.replace("  budget: 1500\n", "  budget: 800\n")))
    assert gathered.inputs.view.plan is not None and gathered.inputs.view.plan.budget == Decimal("1500.00")
    assert any("800.00" in note and "1,500.00" in note for note in gathered.notes)


def test_a_complaint_about_one_creditor_lists_only_its_conduct() -> None:
    """The demo's log has a 22:40 threat from 某网络借贷平台 and a call to the mother by 某小额贷款有限公司:
    the complaint to the platform names the first two findings, the one to the small-loan company the others."""
    from xieshang.casefile import load_case_text
    from xieshang.reference import read_data_text

    demo = load_case_text(read_data_text("demo-case.yaml"), "demo-case.yaml")
    inputs = gather(CaseView.of(demo)).inputs
    to_platform = build_context(inputs, "kuaidai")["findings"]
    to_small_loan = build_context(inputs, "xiaodai")["findings"]
    assert [f["when"] for f in to_platform] == ["2026年11月18日", "2026年11月18日"]
    assert [f["when"] for f in to_small_loan] == ["2026年11月19日", "2026年11月19日"]
    assert len(build_context(inputs)["findings"]) == 4


def test_a_proposal_the_budget_cannot_carry_offers_what_the_plan_pays() -> None:
    """The demo plan has ¥770 a month for six creditors: an interest freeze of kuaidai over 24 months would need
    ¥345.39 a month (8,289.30 ÷ 24), but its share under the default split (by what each is owed: its 8,289.30
    of about 91,000) is ¥92.72 at first, so the letter proposes the projected share and says why, instead of
    promising what the borrower cannot pay. The small-loan company's waiver leaves ¥4,127.80 at 1.8 % a month
    (¥72.00 of interest) against its ¥50.00 share: its letter says the debt would grow and asks for the
    interest to be frozen (停息挂账), and its schedule accrues none."""
    from xieshang.casefile import load_case_text
    from xieshang.reference import read_data_text

    inputs = gather(CaseView.of(load_case_text(read_data_text("demo-case.yaml"), "demo-case.yaml"))).inputs
    proposal = inputs.view.proposals["kuaidai"]
    assert proposal.schedule[0].payment == Decimal("92.72")
    letter = "".join(build_context(inputs, "某网络借贷平台")["plan"]["paragraphs"])
    assert "不足以按24期每期345.39元还款" in letter and "首期92.72元" in letter
    assert "越还越多" not in letter
    small = build_context(inputs, "某小额贷款有限公司")
    words = "".join(small["plan"]["paragraphs"])
    assert "每月还款50.00元不足以支付每月新产生的72.00元利息" in words and "停息挂账" in words
    assert "其余欠款停止计收利息" in words and "按合同利率计息" not in words
    assert any("停止计收利息（停息挂账）" in line for line in small["requests"])
    assert all(r.interest == 0 for r in inputs.view.proposals["xiaodai"].schedule)
    assert sum(r.payment for r in proposal.schedule) == Decimal("8289.30")
    assert proposal.schedule[-1].balance == Decimal("0.00")


DISPUTED = (
    CASE.replace(
        "debts:\n",
        'debts:\n  - {id: b1, creditor: 乙银行, lender_type: bank, principal: "5000", start_date: 2026-02-01,\n'
        "     term_months: 6, method: equal_installment, annual_rate: 12}\n",
    )
    + """\
disputes:
  - creditor: 甲消费金融
    record: {institution: 甲消费金融有限公司, account: 借款a1, reported: 2026-06-05,
             wrong: 显示2026年5月逾期, correct: 2026年5月10日已按时还款}
    proofs: [bank_statement, 还款短信截图]
    recipient: pboc_branch
    recipient_name: 中国人民银行北京市分行
  - creditor: 乙银行
    record: {institution: 乙银行, wrong: "<b>{{ x }}</b>", correct: "]]></w:t>"}
  - creditor: 丙公司
    record: {institution: 丙公司, wrong: 冒名借款, correct: 本人未借}
progress_notes:
  - {creditor: 甲消费金融, from: 2026-11-01, to: 2026-11-27, text: 11月按协议还款。}
  - {creditor: a1, from: 2026-10-01, to: 2026-10-31, text: 10月按协议还款。}
  - {creditor: 乙银行, from: 2026-11-01, to: 2026-11-27, text: 乙银行的执行情况}
"""
)


def test_a_dispute_about_one_creditor_fills_its_letter_and_no_other() -> None:
    """The 甲 letter holds 甲's record only, goes to the PBoC branch it names, quotes Art. 26 (30 days, the
    rule for that recipient in credit_rules.yaml) and prints the checklist item's name for its id."""
    gathered = gather(_view(DISPUTED))
    assert gathered.notes == ("征信异议或执行情况写的债权人“丙公司”不在案件的债务中，文书中不包含它",)
    letter = docx_text(render_docx("credit_dispute", build_context(gathered.inputs, "甲消费金融")))
    assert "致：中国人民银行北京市分行" in letter
    assert "1. 报送机构：甲消费金融有限公司；账户：借款a1；报送（更新）日期：2026年6月5日。" in letter
    assert "信用报告记载：显示2026年5月逾期。" in letter and "实际情况：2026年5月10日已按时还款。" in letter
    assert "第二十六条" in letter and "30日内" in letter
    assert "1. 银行流水（近6个月）" in letter and "2. 还款短信截图" in letter
    assert "乙银行" not in letter and "冒名" not in letter and "尚未填写异议事项" not in letter


def test_a_creditor_without_a_dispute_still_says_it_is_not_filled_in() -> None:
    gathered = gather(_view(CASE))
    letter = docx_text(render_docx("credit_dispute", build_context(gathered.inputs, "甲消费金融")))
    assert "（尚未填写异议事项" in letter and "致：甲消费金融" in letter


def test_user_text_of_a_dispute_is_printed_literally() -> None:
    gathered = gather(_view(DISPUTED))
    letter = docx_text(render_docx("credit_dispute", build_context(gathered.inputs, "乙银行")))
    assert "信用报告记载：<b>{{ x }}</b>。" in letter and "实际情况：]]></w:t>。" in letter
    assert "第二十五条" in letter and "20日内" in letter  # to the lender: Art. 25


def test_progress_notes_of_the_creditor_fill_the_progress_report_in_period_order() -> None:
    """Notes filed under the creditor's name and under its debt id (a1) both belong to it; October first."""
    gathered = gather(_view(DISPUTED))
    report = docx_text(render_docx("progress_report", build_context(gathered.inputs, "甲消费金融")))
    october = report.index("2026年10月1日至2026年10月31日：10月按协议还款。")
    november = report.index("2026年11月1日至2026年11月27日：11月按协议还款。")
    assert october < november
    assert "乙银行的执行情况" not in report and "尚未填写还款协议执行情况" not in report
