"""``xieshang case``: check and analyse the sample case through the real CLI; bad input never a traceback."""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xieshang.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-case.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_check_accepts_the_sample() -> None:
    code, output = run("case", "check", str(SAMPLE))
    assert code == 0 and "张三" in output


def test_check_lists_every_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\nborrower: {name: 李四}\ndebts:\n"
        "  - {id: a, lender_type: bank, principal: '100', start_date: 2025-01-01, term_months: 3,"
        " method: bullet, annual_rate: -1}\n"
        "  - {id: b, lender_type: bank, principal: 'abc', start_date: 2025-01-01, term_months: 3,"
        " method: bullet, annual_rate: 5}\n",
        encoding="utf-8",
    )
    code, output = run("case", "check", str(path))
    assert code == 2
    assert "debts[0].annual_rate" in output and "debts[1].principal" in output
    assert "2 处错误" in output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "file not found"),
        ("version: 1\nborrower: {name: 张三\n", "YAML"),
        ("[1, 2]", "mapping"),
        ('{"version": 1,,}', "JSON"),
    ],
)
def test_bad_files_exit_2_without_a_traceback(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / ("case.json" if content and content.startswith("{") else "case.yaml")
    if content is not None:
        path.write_text(content, encoding="utf-8")
    for command in ("check", "analyze"):
        code, output = run("case", command, str(path))
        assert code == 2 and expected in output and "Traceback" not in output


def test_bad_as_of_names_the_option() -> None:
    code, output = run("case", "analyze", str(SAMPLE), "--as-of", "2026-02-30")
    assert code == 2 and "--as-of" in output


def test_analyze_json_has_the_acceptance_keys() -> None:
    code, output = run("case", "analyze", str(SAMPLE), "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["as_of"] == "2026-11-28"
    assert set(data["totals"]) == {"outstanding", "overdue", "excess", "credit"}
    assert len(data["debts"]) >= 6
    for debt in data["debts"]:
        assert {"id", "apr", "ear", "days_overdue", "outstanding", "lines"} <= set(debt)
        assert set(debt["outstanding"]) == {"principal", "interest", "penalty", "fees", "total"}
        owed = debt["outstanding"]
        assert Decimal(owed["total"]) == sum(
            Decimal(owed[k]) for k in ("principal", "interest", "penalty", "fees")
        )
        assert {"credit", "not_counted", "warnings"} <= set(debt)
        for line in debt["lines"]:
            assert {"id", "rate", "applies", "exceeded", "excess", "source", "confidence", "periods"} <= set(
                line
            )
            assert Decimal(line["excess"]) == sum((Decimal(p["excess"]) for p in line["periods"]), Decimal(0))
            for period in line["periods"]:
                assert {"from", "to", "base", "rate", "allowed", "charged", "excess"} <= set(period)
            assert line["source"] and line["confidence"] in ("text", "press", "unverified")
            assert line["excess"].count(".") == 1 and len(line["excess"].split(".")[1]) == 2
    totals = data["totals"]
    assert Decimal(totals["outstanding"]) == sum(Decimal(d["outstanding"]["total"]) for d in data["debts"])
    by_id = {d["id"]: d for d in data["debts"]}
    assert by_id["xiaofei"]["days_overdue"] > 0
    private = next(line for line in by_id["minjian"]["lines"] if line["id"] == "private-lending-4x-lpr")
    assert private["applies"] and private["exceeded"] and private["rate"] == 0.12


def test_as_of_option_overrides_the_file() -> None:
    code, output = run("case", "analyze", str(SAMPLE), "--as-of", "2026-06-30", "--json")
    assert code == 0 and json.loads(output)["as_of"] == "2026-06-30"


def test_people_get_tables_citations_and_where_free_help_is() -> None:
    code, output = run("case", "analyze", str(SAMPLE))
    assert code == 0
    assert "合计" in output
    assert "最高人民法院关于审理民间借贷案件适用法律若干问题的规定" in output
    assert "不是法律意见" in output and "12378" in output and "12348" in output


def test_the_installed_command_runs_as_a_process() -> None:
    """The real entry point, in a subprocess: exit 0 with JSON, exit 2 with one message for a missing file."""
    command = [sys.executable, "-c", "from xieshang.cli import main; main()"]
    good = subprocess.run(
        [*command, "case", "analyze", str(SAMPLE), "--json"], capture_output=True, text=True, check=False
    )
    assert good.returncode == 0 and json.loads(good.stdout)["debts"]
    bad = subprocess.run(
        [*command, "case", "check", "/nonexistent.yaml"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "file not found" in bad.stderr and "Traceback" not in bad.stderr


FRIEND = """version: 1
as_of: 2026-11-29
borrower: {name: 张三}
debts:
  - id: friend
    creditor: 朋友李四
    lender_type: private
    principal: "10000.00"
    received: "9000.00"
    start_date: 2025-06-01
    term_months: 12
    method: bullet
    annual_rate: 10
    penalty_rate_multiplier: 1.5
    compound_overdue_interest: true
    payments:
      - {date: 2026-07-01, amount: "20000.00"}
      - {date: 2026-12-20, amount: "500.00"}
"""


def test_analyze_json_carries_the_periods_the_credit_and_the_payments_not_counted(tmp_path: Path) -> None:
    """¥10,000 at 10 % (¥9,000 received), due 2026-06-01; 20,000 paid on 2026-07-01, 30 days late.

    Owed that day: 10,000 + 1,000 interest + 罚息 10,000 × 15 % × 30/365 = 123.29 + 复利 1,000 × 15 % ×
    30/365 = 12.33 = 11,135.62, so 8,864.38 is a credit. Line 12 %: term 2,000 (1,000 deducted + 1,000
    interest) against 9,000 × 12 % = 1,080 → 920.00; overdue 135.62 against 9,000 × 12 % × 30/365 = 88.77 →
    46.85; excess 966.85. The 500 of 2026-12-20 is after as_of: listed, not counted.
    """
    path = tmp_path / "friend.yaml"
    path.write_text(FRIEND, encoding="utf-8")
    code, output = run("case", "analyze", str(path), "--json")
    assert code == 0, output
    (debt,) = json.loads(output)["debts"]
    assert debt["credit"] == "8864.38" and debt["outstanding"]["total"] == "0.00"
    assert debt["not_counted"] == [{"date": "2026-12-20", "amount": "500.00"}]
    assert len(debt["warnings"]) == 2
    line = next(x for x in debt["lines"] if x["id"] == "private-lending-4x-lpr")
    term, overdue = line["periods"]
    assert (term["from"], term["to"], term["base"], term["rate"]) == (
        "2025-06-01",
        "2026-06-01",
        "9000.00",
        0.12,
    )
    assert (term["allowed"], term["charged"], term["excess"]) == ("1080.00", "2000.00", "920.00")
    assert (overdue["from"], overdue["to"]) == ("2026-06-02", "2026-07-01")
    assert (overdue["allowed"], overdue["charged"], overdue["excess"]) == ("88.77", "135.62", "46.85")
    assert line["excess"] == "966.85"
