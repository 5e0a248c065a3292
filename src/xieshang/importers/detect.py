"""Which bill a file is, judged by its content (never by its name alone), and the one entry point.

>>> import_bytes(b"")
Traceback (most recent call last):
...
xieshang.importers.errors.BillImportError: 文件是空的
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from xieshang.core.transactions import ImportResult

from . import abc, alipay, boc, bocom, ccb, cgb, citic, cmb, icbc, jd, meituan, spdb, wechat
from .cards.read import FORMATS as STATEMENT_FORMATS
from .cards.read import is_statement_file, parse_statement, statement_bank
from .errors import BillImportError
from .generic import ColumnMapping, parse_with_mapping
from .sheets import is_xls, is_xlsx, workbook_sheets
from .table import Sink
from .text import head_text

FORMATS = {
    "alipay": "支付宝（2023 年起）",
    "alipay_2021": "支付宝（2021–2023 年）",
    "alipay_2019": "支付宝（2020 年及以前电脑版）",
    "wechat": "微信支付（CSV）",
    "wechat_xlsx": "微信支付（Excel）",
    "jd": "京东",
    "meituan": "美团",
    "abc_debit": "农业银行借记卡",
    "boc_debit": "中国银行借记卡",
    "boc_credit": "中国银行信用卡",
    "bocom_debit": "交通银行借记卡",
    "bocom_credit": "交通银行信用卡",
    "cgb_credit": "广发银行信用卡",
    "citic_credit": "中信银行信用卡",
    "spdb_debit": "浦发银行借记卡",
    "cmb_debit": "招商银行借记卡",
    "cmb_credit": "招商银行信用卡",
    "icbc_credit": "工商银行信用卡",
    "icbc_debit_v1": "工商银行借记卡",
    "icbc_debit_v2": "工商银行借记卡（新版）",
    "ccb": "建设银行借记卡",
    **STATEMENT_FORMATS,
    "generic": "自定义列映射",
}


def detect_text(head: str) -> str | None:
    """The format of a CSV bill from its first few kilobytes, or ``None``."""
    if jd.matches(head):  # JD's header shares Alipay's column names, so it goes first
        return "jd"
    found = alipay.matches(head)
    if found:
        return found
    for name, test in (
        ("wechat", wechat.matches),
        ("meituan", meituan.matches),
        ("abc_debit", abc.matches),
        ("cgb_credit", cgb.matches),
    ):
        if test(head):
            return name
    return boc.matches(head) or bocom.matches(head) or cmb.matches(head) or icbc.matches(head)


# CSV bills read row by row: with a sink each transaction goes to it as it is read (``table.collect``).
_STREAMED: dict[str, Callable[[bytes, Sink | None], ImportResult]] = {
    "alipay": alipay.parse_2023,
    "alipay_2021": alipay.parse_2021,
    "alipay_2019": alipay.parse_2019,
    "jd": jd.parse,
    "meituan": meituan.parse,
    "abc_debit": abc.parse,
    "boc_debit": boc.parse_debit,
    "boc_credit": boc.parse_credit,
    "bocom_debit": bocom.parse_debit,
    "bocom_credit": bocom.parse_credit,
    "cgb_credit": cgb.parse,
    "cmb_debit": cmb.parse_debit,
    "cmb_credit": cmb.parse_credit,
    "icbc_credit": icbc.parse,
    "icbc_debit_v1": icbc.parse,
    "icbc_debit_v2": icbc.parse,
}
# WeChat's CSV links refunds to payments over the whole file before it is done.
_CSV_PARSERS: dict[str, Callable[[bytes], ImportResult]] = {"wechat": wechat.parse}

# Spreadsheet bills: how a sheet is recognised, and the parser of the whole workbook.
_SHEETS: tuple[tuple[str, Callable[[list[list[Any]]], bool], Callable[[bytes], ImportResult]], ...] = (
    ("wechat_xlsx", wechat.matches_rows, wechat.parse_xlsx_bytes),
    ("ccb", ccb.matches_rows, ccb.parse),
    ("citic_credit", citic.matches_rows, citic.parse),
    ("spdb_debit", spdb.matches_rows, spdb.parse),
)
_SHEET_PARSERS = {name: parser for name, _test, parser in _SHEETS}


def detect(data: bytes) -> str:
    """The format id of a bill (see :data:`FORMATS`); unknown or damaged files raise :class:`BillImportError`.

    A credit-card statement (an e-mail, a web page or a PDF) is recognised by its bank."""
    if not data or data.isspace():  # as ``not data.strip()``, without a copy of the file
        raise BillImportError("文件是空的")
    if is_xlsx(data) or is_xls(data):
        for _name, rows in workbook_sheets(data):
            for name, test, _parser in _SHEETS:
                if test(rows):
                    return name
        raise BillImportError(
            "无法识别的 Excel 账单：不是微信支付、建设银行、中信银行或浦发银行的导出格式，可用“自定义列映射”导入"
        )
    if is_statement_file(data):
        return f"{statement_bank(data)}_statement"
    found = detect_text(head_text(data))
    if found is None:
        raise BillImportError(
            "无法识别的账单格式：请确认是支付宝、微信、京东、美团或银行导出的原始文件，或用“自定义列映射”导入"
        )
    return found


def import_bytes(
    data: bytes, filename: str = "", mapping: ColumnMapping | None = None, sink: Sink | None = None
) -> ImportResult:
    """Import one bill. With ``mapping`` the file is read through the user's saved column mapping.

    With ``sink``, each transaction is handed to it as it is read and the result holds none (its counts, skipped
    rows and warnings are the same): a CSV bill is then streamed, never held as a list; other bills are read whole
    first. Every failure is a :class:`BillImportError` naming the problem (and the file); nothing is half-imported
    (a sink sees the transactions before the error: its owner discards them).
    """
    try:
        if mapping is not None:
            if not data or data.isspace():  # as ``not data.strip()``, without a copy of the file
                raise BillImportError("文件是空的")
            return _sunk(parse_with_mapping(data, mapping), sink)
        if is_statement_file(data):
            return _sunk(parse_statement(data), sink)
        kind = detect(data)
        if kind in _STREAMED:
            return _STREAMED[kind](data, sink)
        parser = _SHEET_PARSERS.get(kind) or _CSV_PARSERS[kind]
        return _sunk(parser(data), sink)
    except BillImportError as error:
        if filename and not error.filename:
            raise BillImportError(error.message, error.row, filename) from None
        raise
    except RecursionError:  # pragma: no cover - pathological nesting in a damaged spreadsheet
        raise BillImportError("文件结构异常，无法读取", filename=filename) from None


def _sunk(result: ImportResult, sink: Sink | None) -> ImportResult:
    """``result`` as a streamed read gives it: its transactions handed to ``sink``, the result without them."""
    if sink is None:
        return result
    for transaction in result.transactions:
        sink(transaction)
    return replace(result, transactions=())
