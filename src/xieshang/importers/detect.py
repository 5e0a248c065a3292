"""Which bill a file is, judged by its content (never by its name alone), and the one entry point.

>>> import_bytes(b"")
Traceback (most recent call last):
...
xieshang.importers.errors.BillImportError: 文件是空的
"""

from __future__ import annotations

from collections.abc import Callable

from xieshang.core.transactions import ImportResult

from . import alipay, ccb, cmb, icbc, jd, meituan, wechat
from .errors import BillImportError
from .generic import ColumnMapping, parse_with_mapping
from .sheets import as_text_rows, is_xls, is_xlsx, workbook_sheets
from .text import head_text

FORMATS = {
    "alipay": "支付宝（2023 年起）",
    "alipay_2021": "支付宝（2021–2023 年）",
    "alipay_2019": "支付宝（2020 年及以前电脑版）",
    "wechat": "微信支付（CSV）",
    "wechat_xlsx": "微信支付（Excel）",
    "jd": "京东",
    "meituan": "美团",
    "cmb_debit": "招商银行借记卡",
    "cmb_credit": "招商银行信用卡",
    "icbc_credit": "工商银行信用卡",
    "icbc_debit_v1": "工商银行借记卡",
    "icbc_debit_v2": "工商银行借记卡（新版）",
    "ccb": "建设银行借记卡",
    "generic": "自定义列映射",
}


def detect_text(head: str) -> str | None:
    """The format of a CSV bill from its first few kilobytes, or ``None``."""
    if jd.matches(head):  # JD's header shares Alipay's column names, so it goes first
        return "jd"
    found = alipay.matches(head)
    if found:
        return found
    for name, test in (("wechat", wechat.matches), ("meituan", meituan.matches)):
        if test(head):
            return name
    return cmb.matches(head) or icbc.matches(head)


_CSV_PARSERS: dict[str, Callable[[bytes], ImportResult]] = {
    "alipay": alipay.parse_2023,
    "alipay_2021": alipay.parse_2021,
    "alipay_2019": alipay.parse_2019,
    "wechat": wechat.parse,
    "jd": jd.parse,
    "meituan": meituan.parse,
    "cmb_debit": cmb.parse_debit,
    "cmb_credit": cmb.parse_credit,
    "icbc_credit": icbc.parse,
    "icbc_debit_v1": icbc.parse,
    "icbc_debit_v2": icbc.parse,
}


def detect(data: bytes) -> str:
    """The format id of a bill (see :data:`FORMATS`); unknown or damaged files raise :class:`BillImportError`."""
    if not data.strip():
        raise BillImportError("文件是空的")
    if is_xlsx(data) or is_xls(data):
        for _name, rows in workbook_sheets(data):
            head = "\n".join(",".join(row) for row in as_text_rows(rows[:40]))
            if "金额(元)" in head and "交易类型" in head:
                return "wechat_xlsx"
            if ccb.matches_rows(rows):
                return "ccb"
        raise BillImportError(
            "无法识别的 Excel 账单：不是微信支付或建设银行的导出格式，可用“自定义列映射”导入"
        )
    if data[:4] == b"%PDF":
        raise BillImportError("这是 PDF 文件，请导出 CSV 或 Excel 格式的账单")
    found = detect_text(head_text(data))
    if found is None:
        raise BillImportError(
            "无法识别的账单格式：请确认是支付宝、微信、京东、美团或银行导出的原始文件，或用“自定义列映射”导入"
        )
    return found


def import_bytes(data: bytes, filename: str = "", mapping: ColumnMapping | None = None) -> ImportResult:
    """Import one bill. With ``mapping`` the file is read through the user's saved column mapping.

    Every failure is a :class:`BillImportError` naming the problem (and the file); nothing is half-imported.
    """
    try:
        if mapping is not None:
            if not data.strip():
                raise BillImportError("文件是空的")
            return parse_with_mapping(data, mapping)
        kind = detect(data)
        if kind == "wechat_xlsx":
            return wechat.parse_xlsx_bytes(data)
        if kind == "ccb":
            return ccb.parse(data)
        return _CSV_PARSERS[kind](data)
    except BillImportError as error:
        if filename and not error.filename:
            raise BillImportError(error.message, error.row, filename) from None
        raise
    except RecursionError:  # pragma: no cover - pathological nesting in a damaged spreadsheet
        raise BillImportError("文件结构异常，无法读取", filename=filename) from None
