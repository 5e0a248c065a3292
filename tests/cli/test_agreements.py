"""``case analyze`` and ``case review`` on a debt with an agreement, worked by hand.

The debt: 等额本金 ¥1,200.00 at 12 % over 3 months from 2026-01-15, due 15 Feb / 15 Mar / 15 Apr (principal 400
each; interest 12.00, 8.00, 4.00). Nothing paid: on 2026-03-01 instalment 1 is 14 days late; 罚息 at
12 % × 1.5 = 18 % a year: 400 × 0.18 × 14/365 = 2.7616 → 2.76, 复利 12 × 0.18 × 14/365 = 0.0829 → 0.08, so the
contract then asks principal 1,200.00 + interest 12.00 + penalty 2.84 = 1,214.84, of which overdue
400 + 12 + 2.76 + 0.08 = 414.84.

The agreement, made on 2026-03-02 from that day: the creditor freezes interest (none of the 8.00 and 4.00 still to
come) and waives the 2.84 of penalty: 1,214.84 − 2.84 = 1,212.00, in three instalments of 404.00 on 15 March,
15 April and 15 May 2026, with 5 days of grace. Paid: 404.00 on 15 March (on time).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from xieshang.cli import app

runner = CliRunner()

CASE = """\
version: 1
borrower: {name: 王五}
debts:
  - id: bank
    creditor: 某银行
    lender_type: bank
    principal: "1200.00"
    start_date: 2026-01-15
    term_months: 3
    method: equal_principal
    annual_rate: 12
    payments:
      - {id: p1, date: 2026-03-15, amount: "404.00"}
agreements:
  - id: a1
    debt: bank
    made: written
    agreed_on: 2026-03-02
    creditor_party: 某银行客服中心 王专员
    balance: "1214.84"
    principal_in_balance: "1200.00"
    total: "1212.00"
    waived: {penalty: "2.84"}
    instalments:
      - {id: i1, due: 2026-03-15, amount: "404.00", payments: [p1]}
      - {id: i2, due: 2026-04-15, amount: "404.00"}
      - {id: i3, due: 2026-05-15, amount: "404.00"}
    grace_days: 5
    on_default: renegotiate
    collection_stops: true
    credit_reporting: negotiated
    account: 某银行 App
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def analyze(path: Path, day: str) -> dict[str, Any]:
    result = runner.invoke(app, ["case", "analyze", str(path), "--as-of", day, "--json"])
    assert result.exit_code == 0, result.output
    (debt,) = json.loads(result.output)["debts"]
    return debt


def test_before_the_agreement_the_contract_accrues(case_file: Path) -> None:
    debt = analyze(case_file, "2026-03-01")
    assert debt["days_overdue"] == 14
    assert debt["overdue"] == "414.84"
    assert debt["outstanding"] == {
        "principal": "1200.00",
        "interest": "12.00",
        "penalty": "2.84",
        "fees": "0.00",
        "total": "1214.84",
    }
    agreement = debt["agreement"]
    assert agreement["status"] == "agreed" and agreement["in_force"] is False


def test_on_the_start_day_only_the_agreed_instalments_are_owed(case_file: Path) -> None:
    debt = analyze(case_file, "2026-03-02")
    assert debt["days_overdue"] == 0 and debt["overdue"] == "0.00"
    assert debt["outstanding"]["total"] == "1212.00" and debt["outstanding"]["penalty"] == "0.00"
    agreement = debt["agreement"]
    assert agreement["in_force"] is True and agreement["status"] == "agreed"
    assert (
        agreement["owed_at_start"]["penalty"] == "2.84" and agreement["owed_at_start"]["total"] == "1214.84"
    )
    assert agreement["waived"]["penalty"] == "2.84"
    assert agreement["next"] == {"number": 1, "date": "2026-03-15", "amount": "404.00"}


def test_after_it_no_penalty_accrues_and_the_kept_instalment_is_paid(case_file: Path) -> None:
    """2026-04-01: under the contract instalment 1 would be 45 days late and 罚息 would have grown; under the
    agreement 404.00 was paid on its due date, 1,212.00 − 404.00 = 808.00 is left, nothing is overdue."""
    debt = analyze(case_file, "2026-04-01")
    assert debt["overdue"] == "0.00" and debt["days_overdue"] == 0
    assert debt["outstanding"]["total"] == "808.00" and debt["outstanding"]["penalty"] == "0.00"
    agreement = debt["agreement"]
    assert agreement["status"] == "performing"
    assert [i["status"] for i in agreement["instalments"]] == ["paid", "upcoming", "upcoming"]


@pytest.mark.parametrize(
    ("day", "status", "days_late"),
    [
        ("2026-04-16", "late", 1),  # instalment 2 unpaid, one day past 15 April
        ("2026-04-20", "late", 5),  # the last day of the 5 days of grace
        ("2026-04-21", "broken", 6),  # past the grace: broken
    ],
)
def test_a_missed_instalment_is_late_then_broken_after_the_grace(
    case_file: Path, day: str, status: str, days_late: int
) -> None:
    debt = analyze(case_file, day)
    agreement = debt["agreement"]
    assert agreement["status"] == status
    assert agreement["days_late"] == days_late == debt["days_overdue"]
    assert agreement["late"] == "404.00" == debt["overdue"]
    assert agreement["breaks_on"] == "2026-04-20"
    assert [i["status"] for i in agreement["instalments"]] == ["paid", "missed", "upcoming"]


def test_review_lists_findings_with_sources(case_file: Path) -> None:
    """The agreement states no statement: the review notes it (the 404.00 a month cannot be checked)."""
    result = runner.invoke(app, ["case", "review", str(case_file), "--as-of", "2026-03-02", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (agreement,) = data["agreements"]
    rules = {f["rule"]: f for f in agreement["findings"]}
    assert "statement-missing" in rules
    assert "404.00" in rules["statement-missing"]["explanation"]["zh"]
    assert all(f["source"] and f["confidence"] for f in agreement["findings"])
    assert data["notice"]["points"]


def test_review_in_words_and_an_unknown_creditor(case_file: Path) -> None:
    result = runner.invoke(app, ["case", "review", str(case_file), "--as-of", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert "与某银行的还款协议" in result.output and "出处" in result.output
    result = runner.invoke(app, ["case", "review", str(case_file), "--creditor", "某网贷"])
    assert result.exit_code == 2 and "没有与 '某网贷' 的还款协议" in result.output


def test_check_locates_errors_in_a_malformed_agreement(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    bad = (
        CASE.replace('amount: "404.00", payments: [p1]', 'amount: "abc", payments: [p9]')
        .replace("made: written", "made: telepathy")
        .replace("debt: bank", "debt: nowhere")
    )
    path.write_text(bad, encoding="utf-8")
    result = runner.invoke(app, ["case", "check", str(path)])
    assert result.exit_code == 2
    assert "agreements[0].instalments[0].amount" in result.output
    assert "agreements[0].made" in result.output
    path.write_text(CASE.replace('amount: "404.00", payments: [p1]', 'amount: "404.00", payments: [p9]'))
    result = runner.invoke(app, ["case", "check", str(path)])
    assert result.exit_code == 2
    assert "agreements[0].instalments[0].payments[0]" in result.output and "p9" in result.output


def test_the_progress_report_states_what_is_left_under_the_agreement() -> None:
    """Reported for 2026-03-01 – 2026-03-31: 404.00 paid on 15 March; 1,212.00 − 404.00 = 808.00 left, no 罚息;
    the next payment is instalment 2, 404.00 on 15 April."""
    from datetime import date
    from decimal import Decimal

    from xieshang.casefile import load_case_text
    from xieshang.view import CaseView, packaged

    view = CaseView(load_case_text(CASE), date(2026, 4, 1), packaged())
    report = view.progress("bank", date(2026, 3, 1), date(2026, 3, 31))
    assert report.paid_in_period == Decimal("404.00")
    assert report.remaining_total == Decimal("808.00") and report.remaining_penalty == 0
    assert report.next_amount == Decimal("404.00") and "2026-04-15" in report.next_plan


@pytest.mark.parametrize(
    ("day", "status", "action"),
    [
        ("2026-03-01", "agreed", None),  # recorded, not started: agreed
        ("2026-04-01", "performing", None),  # instalment 1 kept
        ("2026-04-17", "performing", "pay_late_instalment"),  # instalment 2 late, within the grace
        ("2026-04-21", "broken_down", "renegotiate"),  # past the grace: broken, renegotiate
    ],
)
def test_the_creditors_status_is_derived_from_the_agreement(
    day: str, status: str, action: str | None
) -> None:
    from datetime import date

    from xieshang.casefile import load_case_text
    from xieshang.view import CaseView, packaged

    negotiation = CaseView(load_case_text(CASE), date.fromisoformat(day), packaged()).negotiation()
    assert negotiation.of("bank").status.value == status
    kinds = [a.kind.value for a in negotiation.actions if a.debt_id == "bank"]
    assert (action in kinds) if action else not {"pay_late_instalment", "renegotiate"} & set(kinds)


def test_the_plan_pays_an_agreed_debt_its_instalment_and_no_more() -> None:
    """On 2026-04-01, 808.00 is left under the agreement, nothing accrues; the next instalment is 404.00. With
    ¥2,000 a month the plan pays it 404.00 a month (not the whole budget): 404.00 + 404.00 = 808.00 in two months.
    """
    from datetime import date
    from decimal import Decimal

    from xieshang.casefile import load_case_text
    from xieshang.view import CaseView, PlanSpec, packaged

    view = CaseView(load_case_text(CASE), date(2026, 4, 1), packaged())
    (position,) = view.positions
    assert position.agreed and position.principal == Decimal("808.00") and position.monthly_rate == 0
    assert position.contractual_monthly == Decimal("404.00")
    (creditor,) = view.plan_for(PlanSpec(budget=Decimal("2000"))).creditors
    assert [m.payment for m in creditor.schedule] == [Decimal("404.00"), Decimal("404.00")]
