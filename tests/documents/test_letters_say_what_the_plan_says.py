"""The contradictions a new user found between the letters and the plan, each reproduced through the command
line (``xieshang docs render`` and ``xieshang case plan --json``) on a case file of ``tests/fixtures/cases``:

- a waiver of what is above the legal line shown as 0.00 in the letter, its sentence dropped;
- the 个人财务状况说明 saying one monthly amount and the letters another;
- a 36-month freeze described as "不足以按 37 期", a 48-month re-instalment as "45 期";
- "其他债务还清后相应增加" under a schedule that falls;
- a letter asking for penalties to be waived while its total still holds them;
- debts named by their keys ("借款编号 debt-1") in letters and in the Excel sheet, the strategy as "balance".
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from xieshang.cli import app

from .text import docx_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
runner = CliRunner()


def letter(tmp_path: Path, case: str, document: str, creditor: str | None = None) -> str:
    out = tmp_path / f"{document}-{creditor or 'all'}.docx"
    args = [
        "docs",
        "render",
        str(FIXTURES / case),
        "--document",
        document,
        "--format",
        "docx",
        "-o",
        str(out),
    ]
    result = runner.invoke(app, [*args, *(["--creditor", creditor] if creditor else [])])
    assert result.exit_code == 0, result.output
    return re.sub(r"\s+", "", docx_text(out.read_bytes()))


def plan(case: str, *extra: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["case", "plan", str(FIXTURES / case), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def creditor_of(data: dict, debt_id: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in data["creditors"] if c["id"] == debt_id)


def grouped(value: str) -> str:
    return f"{Decimal(value):,.2f}"


def test_a_waiver_above_the_legal_line_is_stated_with_its_amount(tmp_path: Path) -> None:
    """快贷 charges 1,363.40 above the line; the plan waives it (the excess 2,261.49 is capped at what is owed
    beyond the principal), and the letter asks for exactly that amount, with a total that leaves it out."""
    kuaidai = creditor_of(plan("waiver-above-line.yaml"), "kuaidai")
    assert kuaidai["waived"] == "1363.40"
    text = letter(tmp_path, "waiver-above-line.yaml", "application", "某网络借贷平台")
    assert f"减免超出法律参考线的部分，共{grouped(kuaidai['waived'])}元" in text
    assert f"合计还款{grouped(kuaidai['total_paid'])}元" in text
    assert f"已扣除请求减免的{grouped(kuaidai['waived'])}元" in text


def test_the_statement_and_every_letter_state_one_available_amount(tmp_path: Path) -> None:
    """Income 6,000 − housing 1,800 − food 1,200 − transport 150 = 2,850.00; the saved plan still says 3,000."""
    statement = letter(tmp_path, "waiver-above-line.yaml", "financial_statement")
    assert "每月可用于还款的金额为人民币2,850.00元" in statement
    for creditor in ("某网络借贷平台", "某消费金融有限公司"):
        for document in ("application", "repayment_plan"):
            text = letter(tmp_path, "waiver-above-line.yaml", document, creditor)
            stated = set(re.findall(r"每月可用于偿还全部债务的金额为([\d,.]+)元", text))
            assert stated == {"2,850.00"}, (creditor, document, stated)


def test_a_letter_repeats_the_months_the_option_asks(tmp_path: Path) -> None:
    """The 36-month freeze of 12,441.00 asks 345.59 a month (12,441 ÷ 36 = 345.583…, rounded up so 36
    payments clear it); the 48-month re-instalment asks 866.86. Neither is covered by ¥1,800 a month, and the
    letters say so with the months chosen: 36 and 48, not 37 or 45."""
    freeze = letter(tmp_path, "deferral.yaml", "application", "某某小额贷款有限公司")
    assert "不足以按36期每期345.59元还款" in freeze
    reinstalment = letter(tmp_path, "deferral.yaml", "application", "某某消费金融有限公司")
    assert "不足以按48期每期866.86元还款" in reinstalment


def test_rising_payments_are_mentioned_only_when_the_schedule_rises(tmp_path: Path) -> None:
    """The freeze's share falls once the bank's 6-month grace ends (its instalments then take more of the
    ¥1,800): the letter must not promise payments that rise."""
    table = letter(tmp_path, "deferral.yaml", "repayment_plan", "某某小额贷款有限公司")
    payments = [Decimal(p.replace(",", "")) for p in re.findall(r"\d{4}年\d+月\|([\d,]+\.\d{2})\|", table)]
    assert payments and max(payments[1:-1]) <= payments[0]  # it never rises
    assert "相应增加" not in table and "逐步增加" not in table


def test_no_letter_asks_for_a_waiver_its_total_does_not_make(tmp_path: Path) -> None:
    """The private loan is overdue (its balance holds penalty interest) and is offered a plain re-instalment:
    the letter asks for no penalty waiver, and its total is the plan's, penalties included."""
    private = creditor_of(plan("bullet-and-card.yaml"), "debt-1")
    assert private["waived"] == "0.00"
    text = letter(tmp_path, "bullet-and-card.yaml", "application", "王某某（个人）")
    requests = text.split("五、申请事项", 1)[1].split("申请人承诺", 1)[0]
    assert "减免" not in requests
    assert f"合计还款{grouped(private['total_paid'])}元" in text


def test_letters_and_the_workbook_name_debts_as_people_do(tmp_path: Path) -> None:
    """Debt keys (debt-1 …) and codes (balance, reinstalment) never reach a letter or the Excel workbook."""
    for creditor in ("王某某（个人）", "某某商业银行信用卡中心"):
        for document in ("application", "repayment_plan", "progress_report"):
            text = letter(tmp_path, "bullet-and-card.yaml", document, creditor)
            assert "debt-" not in text and "借款编号" not in text, (creditor, document)
    assert "debt-" not in letter(tmp_path, "bullet-and-card.yaml", "financial_statement")
    out = tmp_path / "plan.xlsx"
    plan("bullet-and-card.yaml", "--xlsx", str(out))
    book = load_workbook(out)
    cells = [
        str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None
    ]
    assert not any("debt-" in c for c in [*book.sheetnames, *cells])
    assert not {"balance", "pro-rata", "reinstalment", "interest_freeze", "as_is"} & set(cells)
