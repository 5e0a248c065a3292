"""``xieshang case plan FILE``: JSON for machines, tables for people, exit 2 with one located message."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from xieshang.cli.plan import register

runner = CliRunner()
app = typer.Typer()
case_app = typer.Typer()
register(case_app)
app.add_typer(case_app, name="case")

CASE = """\
version: 1
as_of: 2026-01-15
borrower: {name: 张三}
debts:
  - id: jiebei
    creditor: 借呗
    lender_type: online_platform
    principal: "12000.00"
    start_date: 2025-06-01
    term_months: 12
    method: equal_installment
    annual_rate: 24
    payments:
      - {date: 2025-07-01, amount: "1134.72"}
  - id: card
    creditor: 某银行信用卡
    lender_type: credit_card
    principal: "6000.00"
    start_date: 2025-09-10
    term_months: 6
    method: equal_principal
    annual_rate: 18
plan:
  strategy: pro-rata
  budget: 1500
  creditors:
    - {id: jiebei, option: interest_freeze, months: 24, proposed: true}
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_json_has_the_documented_keys(case_file: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(case_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"strategy", "budget", "creditors", "months", "totals"} <= set(data)
    assert (data["strategy"], data["budget"]) == ("pro-rata", "1500.00")
    first = data["creditors"][0]
    assert {"id", "option", "monthly", "months", "total_paid", "payoff_date"} <= set(first)
    assert (first["id"], first["option"]) == ("jiebei", "interest_freeze")
    assert set(data["totals"]) >= {"monthly_max", "debt_free_date", "total_paid", "saving_vs_status_quo"}
    for month in data["months"]:
        assert Decimal(month["total"]) <= Decimal("1500.00")
        assert sum(Decimal(v) for v in month["payments"].values()) == Decimal(month["total"])
    assert data["totals"]["debt_free_date"] == data["months"][-1]["month"]
    assert sum(Decimal(c["total_paid"]) for c in data["creditors"]) == Decimal(data["totals"]["total_paid"])
    assert all(len(c["monthly"].split(".")[1]) == 2 for c in data["creditors"])


def test_options_override_the_section(case_file: Path) -> None:
    result = runner.invoke(
        app, ["case", "plan", str(case_file), "--budget", "¥2,000", "--strategy", "snowball", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["strategy"], data["budget"]) == ("snowball", "2000.00")


def test_a_budget_below_zero_is_a_located_error(case_file: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(case_file), "--budget", "-300", "--json"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--budget" in result.output and "不能为负" in result.output


def test_a_zero_budget_is_a_token_plan(case_file: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(case_file), "--budget", "0", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["affordable"] is False and data["months"] == []
    assert data["token"] == {"jiebei": "1.00", "card": "1.00"}
    assert data["totals"]["debt_free_date"] is None


def test_a_plan_that_never_repays_within_the_horizon_is_not_affordable(case_file: Path) -> None:
    """¥1 a month cannot clear these debts within the 600 months of the projection."""
    result = runner.invoke(app, ["case", "plan", str(case_file), "--budget", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["totals"]["capped"] is True and len(data["months"]) == 600
    assert data["affordable"] is False and data["totals"]["debt_free_date"] is None
    assert "600 个月内还不清" in data["note"]


def test_table_for_people(case_file: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(case_file)])
    assert result.exit_code == 0, result.output
    assert "停息挂账" in result.output and "全部还清" in result.output


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--strategy", "fastest"], "--strategy"),
        (["--budget", "lots"], "--budget"),
        (["--as-of", "yesterday"], "--as-of"),
    ],
)
def test_bad_input_exits_2_with_one_located_message(case_file: Path, args: list[str], where: str) -> None:
    result = runner.invoke(app, ["case", "plan", str(case_file), *args])
    assert result.exit_code == 2
    assert where in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_bad_plan_section_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CASE.replace("months: 24", "months: 99"), encoding="utf-8")
    result = runner.invoke(app, ["case", "plan", str(path)])
    assert result.exit_code == 2
    assert "plan.creditors[0].months" in result.output


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(tmp_path / "none.yaml"), "--budget", "100"])
    assert result.exit_code == 2


def test_xlsx_written_alongside(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["case", "plan", str(case_file), "--xlsx", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[:2] == ["汇总 Summary", "逐月 Monthly"]


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    from xieshang.reference import read_data_text

    path = tmp_path / "demo.yaml"
    path.write_text(read_data_text("demo-case.yaml"), encoding="utf-8")
    return path


def test_json_says_whether_each_option_is_affordable(demo_file: Path) -> None:
    """The demo case, ¥770 a month by the default split: 快贷's interest freeze asks 8,289.30 ÷ 24 = 345.39 a
    month, far above any share of 770 among six creditors: the JSON says it is short by the gap between the two,
    and the suggested budget, tried, covers every proposal (tests/core/test_plan.py works the numbers of the
    split by contractual payment, test_plan_growth.py those of the default)."""
    result = runner.invoke(app, ["case", "plan", str(demo_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert all({"affordable", "option_monthly"} <= set(c) for c in data["creditors"])
    kuaidai = next(c for c in data["creditors"] if c["id"] == "kuaidai")
    assert (kuaidai["affordable"], kuaidai["option_monthly"]) == (False, "345.39")
    xiaodai = next(c for c in data["creditors"] if c["id"] == "xiaodai")
    assert (kuaidai["interest_frozen"], xiaodai["interest_frozen"]) == (False, True)  # test_plan_growth.py
    share, short = Decimal(kuaidai["share"]), Decimal(kuaidai["shortfall"])
    assert Decimal("50.00") <= share < Decimal("345.39") and share + short == Decimal("345.39")
    assert data["proposals_affordable"] is False
    suggested = data["suggested_budget"]
    assert Decimal(suggested) > Decimal("770.00")
    covered = runner.invoke(app, ["case", "plan", str(demo_file), "--budget", suggested, "--json"])
    data = json.loads(covered.output)
    assert data["proposals_affordable"] is True and data["suggested_budget"] is None
    assert all(c["affordable"] for c in data["creditors"] if c["proposed"])


def test_table_marks_an_unaffordable_proposal(demo_file: Path) -> None:
    result = runner.invoke(app, ["case", "plan", str(demo_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "⚠ 不够" in result.output
    data = json.loads(runner.invoke(app, ["case", "plan", str(demo_file), "--json"]).output)
    kuaidai = next(c for c in data["creditors"] if c["id"] == "kuaidai")
    share, first = kuaidai["share"], kuaidai["letter_first_payment"]
    assert f"每月只能分到 ¥{share}，不够按 24 期每期 ¥345.39 还；协商信会按 ¥{first} 起提出" in result.output
    assert f"¥{data['suggested_budget']}" in result.output


def test_a_status_quo_that_never_ends_makes_the_saving_a_floor(tmp_path: Path) -> None:
    """The packaged demo at its saved ¥770: the status quo (penalties running) is not paid off within the
    projection (core says so: no debt-free month), so the stated saving counts its cost only to the end and the
    command says it is at least that."""
    from xieshang import reference

    demo = tmp_path / "demo.yaml"
    demo.write_text(reference.read_data_text("demo-case.yaml"), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["case", "plan", str(demo), "--json"]).stdout)
    assert data["totals"]["status_quo_debt_free_date"] is None
    text = runner.invoke(app, ["case", "plan", str(demo)]).stdout
    assert "节省只算到预测期末（至少这么多）" in text
