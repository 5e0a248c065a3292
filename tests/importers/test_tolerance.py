"""Files that are a little off are read (and say so); files that are broken are refused with the row and why.

Built from the real-format samples: the Alipay export re-saved as UTF-8 with rows of 12 and 13 fields, its
preamble's totals against its rows, a two-sheet WeChat workbook whose first sheet is a summary, amounts written
¥50.0 / ￥1,234.50 / 1234.5元.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from xieshang.core.transactions import totals
from xieshang.importers.detect import import_bytes
from xieshang.importers.errors import BillImportError

from .helpers import sample

ALIPAY = "deb-sig-examples/alipay/example-alipay-records.csv"
WECHAT = "deb-sig-examples/wechat/example-wechat-records.csv"


def alipay_lines() -> list[str]:
    return sample(ALIPAY).decode("gbk").splitlines()


def alipay_12_and_13_fields() -> bytes:
    """The Alipay sample in UTF-8 with the trailing comma dropped from rows 26, 28, 30, 32 and 34 (12 fields;
    the header and the other rows keep 13)."""
    lines = alipay_lines()
    for number in (26, 28, 30, 32, 34):
        assert lines[number - 1].endswith(",")
        lines[number - 1] = lines[number - 1][:-1]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_alipay_rows_of_12_and_13_fields_read_with_a_warning() -> None:
    """Same totals as the GBK original (see test_alipay: expense 211.64, income 222,294.53, neutral 99.34) and a
    warning counting the 5 shorter rows, where the file used to be refused ("第 26 行：只有 12 列，应有 13 列")."""
    result = import_bytes(alipay_12_and_13_fields())
    t = totals(result.transactions)
    assert (t.expense, t.income, t.neutral) == (Decimal("211.64"), Decimal("222294.53"), Decimal("99.34"))
    assert "5 行比表头多出或缺少末尾的空列，已照常读取" in result.warnings


def test_one_extra_empty_field_is_read_too() -> None:
    lines = alipay_lines()
    lines[26] += ","
    result = import_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    assert len(result.transactions) == 9
    assert "1 行比表头多出或缺少末尾的空列，已照常读取" in result.warnings


def test_preamble_totals_that_disagree_give_both_figures() -> None:
    """The sample's preamble says 收入 1笔 28.50元, 支出 63笔 16.54元, 不计收支 2笔 16.37元. Its rows by 收/支:
    支出 49.74 + 20.00 + 50.00 + 9.90 + 82.00 = 211.64 (5 rows); 收入 222,228.50 (1); 不计收支 16.03 + 99.34 +
    82.00 + 50.00 = 247.37 (4)."""
    warnings = import_bytes(sample(ALIPAY)).warnings
    assert "账单写明支出 63 笔 16.54 元，实际读到 5 笔 211.64 元，请核对是否导出完整" in warnings
    assert "账单写明收入 1 笔 28.50 元，实际读到 1 笔 222,228.50 元，请核对是否导出完整" in warnings
    assert "账单写明不计收支 2 笔 16.37 元，实际读到 4 笔 247.37 元，请核对是否导出完整" in warnings


def test_preamble_totals_that_agree_say_nothing() -> None:
    lines = alipay_lines()
    fixed = {"共66笔记录": "共10笔记录", "收入：1笔 28.50元": "收入：1笔 222228.50元"}
    fixed |= {"支出：63笔 16.54元": "支出：5笔 211.64元", "不计收支：2笔 16.37元": "不计收支：4笔 247.37元"}
    lines = [fixed.get(line, line) for line in lines]
    result = import_bytes(("\n".join(lines) + "\n").encode("gbk"))
    assert not [w for w in result.warnings if "账单写明" in w]


def wechat_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(sample(WECHAT).decode("utf-8").replace("\t", ""))))


def two_sheet_workbook() -> bytes:
    """A summary sheet first (and active) whose table also says 交易类型 and 金额(元), then the bill itself."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["交易类型", "金额(元)"])
    summary.append(["商户消费", 2243.46])
    bill = book.create_sheet("账单")
    for row in wechat_rows():
        bill.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_two_sheet_wechat_workbook_reads_the_bill_sheet() -> None:
    """The bill sheet holds the CSV's rows, so the totals are test_wechat's by-hand ones: income 28.49, spending
    2,905.73, neutral 26,099.69; the summary sheet is named in a warning."""
    result = import_bytes(two_sheet_workbook())
    assert result.format == "wechat_xlsx"
    t = totals(result.transactions)
    assert (t.income, t.expense, t.neutral) == (Decimal("28.49"), Decimal("2905.73"), Decimal("26099.69"))
    assert "工作簿有 2 张表，读取了“账单”（账单所在的表），未读取：汇总" in result.warnings


@pytest.mark.parametrize(
    ("written", "value"), [("¥50.0", "50.00"), ("￥1,234.50", "1234.50"), ("1234.5元", "1234.50")]
)
def test_amounts_as_people_write_them(written: str, value: str) -> None:
    text = sample(WECHAT).decode("utf-8").replace("¥28.16", f'"{written}"', 1)
    first = import_bytes(text.encode("utf-8")).transactions[0]
    assert first.amount == Decimal(value)


def test_truncated_in_the_middle_of_a_row_is_refused_with_the_row() -> None:
    data = alipay_12_and_13_fields().decode("utf-8")
    cut = data[: data.index("2023-02-04 18:21:04") + 40]
    with pytest.raises(BillImportError, match=r"第 28 行：只有 \d 列，应有 13 列：文件可能被截断"):
        import_bytes(cut.encode("utf-8"))


def test_text_past_the_header_is_refused_with_the_row() -> None:
    lines = alipay_lines()
    lines[27] += "多出来的,"
    with pytest.raises(BillImportError, match="第 28 行：表头之外还有内容（“多出来的”）"):
        import_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def test_undecodable_bytes_are_refused() -> None:
    data = alipay_12_and_13_fields() + b"\xff\xfe\xfd\n"
    with pytest.raises(BillImportError, match="编码"):
        import_bytes(data)
