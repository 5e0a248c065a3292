"""``xieshang import``: JSON keys and values, and exit 2 on a bad file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from xieshang.cli import app

BILLS = Path(__file__).resolve().parent.parent / "fixtures" / "bills" / "deb-sig-examples"


def test_json_report() -> None:
    """Meituan sample: the bill says income 209.73 (6 rows), spending 1,175.68 (22 rows) plus the 美团月付 repayment
    48.12 (neutral, discovered as a debt). Three refunds find their payments by 订单标题 and net out: 葡式蛋挞 20.00,
    代金券 11.77 and 代金券 10.06 (41.83 in all, each refunding its payment in full, so 6 rows go: 29 → 23).
    Income 209.73 − 41.83 = 167.90 (the KTV 68 + 88 and 瑞幸 11.90 refunds have no payment in the file);
    spending 1,175.68 − 41.83 = 1,133.85."""
    result = CliRunner().invoke(app, ["import", "--json", str(BILLS / "mt" / "example-mt-records.csv")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "meituan" and data["transactions"] == 23
    assert data["refunds_netted"] == 3
    assert data["totals"] == {"income": "167.90", "expense": "1133.85", "neutral": "48.12"}
    assert data["months"] == [
        {"month": "2025-02", "income": "167.90", "expense": "1133.85", "repayments": "48.12"}
    ]
    assert data["possible_debts"][0]["counterparty"] == "美团月付" and data["possible_debts"][0]["count"] == 1
    assert data["skipped"] == []


def test_skipped_rows_have_row_and_reason() -> None:
    result = CliRunner().invoke(
        app, ["import", "--json", str(BILLS / "alipay" / "example-alipay-records.csv")]
    )
    data = json.loads(result.output)
    assert data["skipped"][0]["row"] == 31 and data["skipped"][0]["reason"]


def test_table_for_people() -> None:
    result = CliRunner().invoke(app, ["import", str(BILLS / "mt" / "example-mt-records.csv")])
    assert result.exit_code == 0 and "美团月付" in result.output


def test_bad_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"nothing,here\n")
    result = CliRunner().invoke(app, ["import", str(bad)])
    assert result.exit_code == 2
