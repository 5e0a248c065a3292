"""``xieshang calc``: the published vectors through the real command, and clean failures on bad input."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xieshang.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def run_json(*args: str) -> dict:
    code, output = run(*args, "--json")
    assert code == 0, output
    return json.loads(output)


def test_equal_installment_vector() -> None:
    """1,000,000 at 4.9 % over 360 months 等额本息: payment 5,307.27, total interest 910,616.19 ± 2."""
    data = run_json(
        "calc", "schedule", "--method", "equal-installment", "--principal", "1000000", "--annual-rate", "4.9",
        "--months", "360", "--start", "2025-01-15",
    )  # fmt: skip
    assert data["periods"][0]["payment"] == "5307.27"
    assert abs(Decimal(data["total_interest"]) - Decimal("910616.19")) <= 2
    # published 984,978.41 (unrounded); rounding interest to the 分 each period moves it by a few 分
    assert abs(Decimal(data["periods"][11]["balance"]) - Decimal("984978.41")) <= Decimal("0.05")
    assert set(data["periods"][0]) >= {"period", "due_date", "payment", "principal", "interest", "balance"}
    assert data["periods"][0]["due_date"] == "2025-02-15"
    assert sum(Decimal(p["principal"]) for p in data["periods"]) == Decimal("1000000.00")
    assert Decimal(data["total_payment"]) == Decimal("1000000.00") + Decimal(data["total_interest"])


def test_equal_principal_vector() -> None:
    """Same loan 等额本金: first payment 6,861.11, last 2,789.12, total interest 737,041.67 ± 1."""
    data = run_json(
        "calc", "schedule", "--method", "equal-principal", "--principal", "1000000", "--annual-rate", "4.9",
        "--months", "360", "--start", "2025-01-15",
    )  # fmt: skip
    assert data["periods"][0]["payment"] == "6861.11"
    assert data["periods"][-1]["payment"] == "2789.12"
    assert abs(Decimal(data["total_interest"]) - Decimal("737041.67")) <= 1


def test_card_instalment_takes_a_fee_rate() -> None:
    """12,000 over 12 periods at 0.6 % a period: 1,000 principal + 72 fee = 1,072 each, no interest."""
    data = run_json(
        "calc", "schedule", "--method", "card-instalment", "--principal", "12000", "--fee-rate", "0.6",
        "--months", "12", "--start", "2025-01-15",
    )  # fmt: skip
    assert {p["payment"] for p in data["periods"]} == {"1072.00"}
    assert data["total_interest"] == "0.00"


def test_pboc_example_apr_and_ear() -> None:
    """Received 99,000, 12 × 8,833.30: monthly IRR 1.06698 %, APR 12.80 %, EAR 13.58 % (± 0.01 %)."""
    data = run_json("calc", "apr", "--received", "99000", "--payments", "8833.30x12")
    assert abs(data["periodic_irr"] - 0.0106698) < 1e-6
    assert abs(data["apr"] - 0.1280) < 0.0001
    assert abs(data["ear"] - 0.1358) < 0.0001


def test_mixed_spec_equals_the_spelled_out_payments() -> None:
    """500x3,1000x9 is three payments of 500 then nine of 1,000."""
    mixed = run_json("calc", "apr", "--received", "9000", "--payments", "500x3,1000x9")
    spelled = run_json("calc", "apr", "--received", "9000", "--payments", "500,500,500" + ",1000" * 9)
    assert mixed == spelled


def test_cashflows_csv_uses_xirr(tmp_path: Path) -> None:
    """10,000 received, 10,600 repaid exactly a year (365 days) later: EAR 6 %."""
    path = tmp_path / "flows.csv"
    path.write_text("date,amount\n2025-01-01,10000\n2026-01-01,-10600\n", encoding="utf-8")
    data = run_json("calc", "apr", "--cashflows", str(path))
    assert abs(data["ear"] - 0.06) < 1e-6


def test_people_get_a_table() -> None:
    code, output = run("calc", "apr", "--received", "99000", "--payments", "8833.30x12")
    assert code == 0 and "12.80%" in output and "13.58%" in output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["calc", "apr", "--received", "99000", "--payments", "abc"], "--payments"),
        (["calc", "apr", "--received", "99000", "--payments", "100x0"], "--payments"),
        (["calc", "apr", "--received", "lots", "--payments", "100x12"], "--received"),
        (["calc", "apr", "--payments", "100x12"], "--received"),
        (["calc", "apr", "--received", "99000"], "--payments"),
        (["calc", "apr", "--received", "99000", "--payments", "100x2"], "还款总额少于到手金额"),
        (["calc", "apr", "--cashflows", "/nonexistent/flows.csv"], "--cashflows"),
        (
            [
                "calc",
                "schedule",
                "--method",
                "weekly",
                "--principal",
                "1",
                "--months",
                "3",
                "--annual-rate",
                "5",
            ],
            "--method",
        ),
        (
            [
                "calc",
                "schedule",
                "--method",
                "bullet",
                "--principal",
                "x",
                "--months",
                "3",
                "--annual-rate",
                "5",
            ],
            "--principal",
        ),
        (["calc", "schedule", "--method", "bullet", "--principal", "100", "--months", "3"], "--annual-rate"),
        (
            [
                "calc",
                "schedule",
                "--method",
                "bullet",
                "--principal",
                "100",
                "--months",
                "3",
                "--annual-rate",
                "-1",
            ],
            "--annual-rate",
        ),
        (
            ["calc", "schedule", "--method", "card-instalment", "--principal", "100", "--months", "3"],
            "--fee-rate",
        ),
        (
            [
                "calc",
                "schedule",
                "--method",
                "bullet",
                "--principal",
                "100",
                "--months",
                "0",
                "--annual-rate",
                "5",
            ],
            "--months",
        ),
        (
            [
                "calc",
                "schedule",
                "--method",
                "bullet",
                "--principal",
                "100",
                "--months",
                "3",
                "--annual-rate",
                "5",
                "--start",
                "2025-13-01",
            ],
            "--start",
        ),
        (
            [
                "calc",
                "schedule",
                "--method",
                "bullet",
                "--principal",
                "0",
                "--months",
                "3",
                "--annual-rate",
                "5",
            ],
            "--principal",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_option(args: list[str], option: str) -> None:
    code, output = run(*args)
    assert code == 2
    assert option in output
    assert "Traceback" not in output


def test_bad_cashflow_rows_are_named(tmp_path: Path) -> None:
    path = tmp_path / "flows.csv"
    path.write_text("2025-01-01,10000\n2025-02-30,-500\n", encoding="utf-8")
    code, output = run("calc", "apr", "--cashflows", str(path))
    assert code == 2 and "第 2 行" in output


@pytest.mark.parametrize(
    ("spec", "payments"),
    [
        ("0x3,1000x9", 12),  # three months of grace, then nine payments
        ("¥1,000x12", 12),
        ("1,000x12", 12),
        ("1,000.50x3,2,000x3", 6),
        ("500x3，1000x9", 12),
    ],
)
def test_payment_specs_people_write(spec: str, payments: int) -> None:
    """Grace months (0x3) and thousands separators read as people mean them; 12 × 1,000 on 8,000 received
    has a monthly IRR of about 6.865 % (the annuity factor (1 − 1.06865⁻¹²) / 0.06865 ≈ 8.000)."""
    data = run_json("calc", "apr", "--received", "8000", "--payments", spec)
    assert data["periods_per_year"] == 12 and data["apr"] > 0
    if spec in ("¥1,000x12", "1,000x12"):
        assert abs(data["periodic_irr"] - 0.06865) < 0.00005


@pytest.mark.parametrize(
    "args",
    [
        ["calc", "apr", "--received", "100", "--payments", "4000x1"],
        ["calc", "apr", "--received", "0.01", "--payments", "1000000000000x1"],
        ["calc", "schedule", "--method", "equal-installment", "--principal", "10000", "--months", "1200",
         "--annual-rate", "10000", "--start", "2200-12-31"],
        ["calc", "schedule", "--method", "daily", "--principal", "10000", "--months", "12", "--daily-rate", "30"],
    ],
)  # fmt: skip
def test_extreme_input_within_the_limits_gives_figures_not_tracebacks(args: list[str]) -> None:
    """100 received, 4,000 paid a month later: IRR 3,900 % a month; EAR (1 + 39)¹² − 1 ≈ 1.68 × 10¹⁹."""
    code, output = run(*args, "--json")
    assert code == 0, output
    data = json.loads(output)
    if "apr" in data and args[3] == "100":
        assert abs(data["periodic_irr"] - 39) < 1e-6 and data["ear"] > 1e19


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annual-rate", "1e400"], "--annual-rate: 过大：最多 10,000%"),
        (["--annual-rate", "50000"], "--annual-rate: 过大：最多 10,000%"),
        (["--annual-rate", "10", "--start", "9999-06-01"], "--start: 日期应在 1900-01-01 至 2200-12-31 之间"),
    ],
)
def test_input_beyond_the_limits_is_one_located_message(args: list[str], message: str) -> None:
    code, output = run(
        "calc", "schedule", "--method", "equal-installment", "--principal", "10000", "--months", "12", *args
    )
    assert code == 2 and message in output and "Traceback" not in output


def test_a_schedule_without_a_start_begins_today_in_china(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 18:00 UTC on 30 June 2031 it is already 1 July in China: the loan starts on the borrower's date (the one
    rule for "today", ``view.today``), not on the server's clock."""
    import importlib
    from datetime import UTC, datetime

    clock = importlib.import_module("xieshang.view.today")  # the module: the package exports its function

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
            return datetime(2031, 6, 30, 18, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(clock, "datetime", Clock)
    data = run_json(
        "calc", "schedule", "--method", "equal-installment", "--principal", "1200", "--annual-rate", "12",
        "--months", "3",
    )  # fmt: skip
    assert data["periods"][0]["due_date"] == "2031-08-01"
