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


ABC_MAPPING = {
    "time": "交易日期",
    "amount": "交易金额",
    "counterparty": "对手信息",
    "description": "交易摘要",
}


def test_mapping_reads_a_layout_through_the_users_columns(tmp_path: Path) -> None:
    """The ABC (农业银行) sample through a mapping (which wins over the format the file is recognised as): signed
    amounts, in +10,000.00 + 0.01 = 10,000.01, out 10.00 + 12,345.89 = 12,355.89 (the mapping knows no 还款)."""
    abc = BILLS / "abc_debit" / "example-abc_debit-records.csv"
    mapping = tmp_path / "abc.json"
    mapping.write_text(json.dumps(ABC_MAPPING, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "--json", "--mapping", str(mapping), str(abc)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "generic"
    assert (data["totals"]["income"], data["totals"]["expense"]) == ("10000.01", "12355.89")


def test_bad_mapping_is_named_by_key(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.json"
    mapping.write_text(json.dumps({"amount": "交易金额", "colour": "x"}), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", "--mapping", str(mapping), str(BILLS / "mt" / "example-mt-records.csv")]
    )
    assert result.exit_code == 2
    assert "mapping.time" in result.output and "mapping.colour" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{time:", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", "--mapping", str(broken), str(BILLS / "mt" / "example-mt-records.csv")]
    )
    assert result.exit_code == 2 and "不是 JSON" in result.output


def test_mapping_is_documented_in_the_help() -> None:
    result = CliRunner().invoke(app, ["import", "--help"])
    assert "--mapping" in result.output and "income_values" in result.output


CARDS = BILLS.parent / "cards" / "bocom"
MONTHS = [CARDS / f"交通银行信用卡电子账单-2023年0{m}月.eml" for m in (1, 2, 3)]


def test_json_per_file_duplicates_overlaps_and_card_history() -> None:
    """The Alipay sample and three statements of the card it paid with (尾号 7449). Per file: Alipay reads 10 rows
    (9 transactions, row 31 skipped: 交易关闭，不计收支), the statements 3, 3 and 4. The 49.74 payment and the 16.03
    refund are in Alipay's bill and in February's statement: counted once each (the Alipay row), listed as
    overlaps. History: December's 150.00 minimum paid by 28 January (150.00); January's 148.82 minimum not paid
    by 28 February (100.00 paid); February not yet known."""
    paths = [str(BILLS / "alipay" / "example-alipay-records.csv"), *map(str, MONTHS)]
    result = CliRunner().invoke(app, ["import", "--json", *paths])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(f["format"], f["rows_read"], f["transactions"]) for f in data["files"]] == [
        ("alipay", 10, 9),
        ("bocom_statement", 3, 3),
        ("bocom_statement", 3, 3),
        ("bocom_statement", 4, 4),
    ]
    assert data["files"][0]["skipped"] == [{"row": 31, "reason": "交易关闭，不计收支"}]
    assert data["skipped"][0]["file"] == "example-alipay-records.csv"
    assert data["rows_read"] == 20 and data["duplicates"] == 0
    assert sorted(
        (o["amount"], o["counted"]["format"], o["not_counted"]["format"]) for o in data["overlaps"]
    ) == [
        ("16.03", "alipay", "bocom_statement"),
        ("49.74", "alipay", "bocom_statement"),
    ]
    # 9 + 3 + 3 + 4 rows, less the 2 overlaps and the 50.00 一卡通 payment with the refund that cancels it
    assert data["transactions"] == 19 - 2 - 2
    months = data["card_history"][0]["months"]
    assert [(m["month"], m["status"], m["paid_by_due"]) for m in months] == [
        ("2022-12", "minimum_paid", "150.00"),
        ("2023-01", "minimum_missed", "100.00"),
        ("2023-02", "unknown", None),
    ]
    latest = data["card_statements"][-1]
    assert (latest["balance"], latest["minimum"], latest["due_date"], latest["daily_rate"]) == (
        "3013.11",
        "150.66",
        "2023-03-28",
        0.0005,
    )


def test_the_same_export_twice_is_a_duplicate() -> None:
    path = str(BILLS / "mt" / "example-mt-records.csv")
    data = json.loads(CliRunner().invoke(app, ["import", "--json", path, path]).output)
    assert data["duplicates"] == 29 and data["transactions"] == 23


def test_every_bad_file_is_named(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"nothing,here\n")
    second.write_bytes(b"")
    result = CliRunner().invoke(
        app, ["import", str(first), str(BILLS / "mt" / "example-mt-records.csv"), str(second)]
    )
    assert result.exit_code == 2
    assert "a.csv" in result.output and "b.csv" in result.output and "共 2 个文件有问题" in result.output
