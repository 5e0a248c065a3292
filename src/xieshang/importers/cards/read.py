"""Which bank's statement a document is, and the one entry point for card statements.

>>> parse_statement(b"<html><body>hello</body></html>")
Traceback (most recent call last):
...
xieshang.importers.errors.BillImportError: 认不出是哪家银行的信用卡账单：目前能读招商、交通、建设、工商、中国、中信、广发、浦发银行的电子账单
"""

from __future__ import annotations

from collections.abc import Callable

from xieshang.core.transactions import ImportResult

from ..errors import BillImportError
from . import boc, bocom, ccb, cgb, citic, cmb, icbc, spdb
from .document import Document, is_eml, is_html, is_pdf, read_document

# Order matters: 中国银行 is part of 中国建设银行 and 中国工商银行, so those are asked first.
BANKS: tuple[tuple[str, Callable[[Document], bool], Callable[[Document], ImportResult]], ...] = (
    ("cmb", cmb.matches, cmb.parse),
    ("bocom", bocom.matches, bocom.parse),
    ("ccb", ccb.matches, ccb.parse),
    ("icbc", icbc.matches, icbc.parse),
    ("citic", citic.matches, citic.parse),
    ("cgb", cgb.matches, cgb.parse),
    ("spdb", spdb.matches, spdb.parse),
    ("boc", boc.matches, boc.parse),
)
FORMATS = {
    "cmb_statement": "招商银行信用卡账单",
    "bocom_statement": "交通银行信用卡账单",
    "ccb_statement": "建设银行信用卡账单",
    "icbc_statement": "工商银行信用卡账单",
    "citic_statement": "中信银行信用卡账单",
    "cgb_statement": "广发银行信用卡账单",
    "spdb_statement": "浦发银行信用卡账单",
    "boc_statement": "中国银行信用卡账单",
}


def is_statement_file(data: bytes) -> bool:
    """An e-mail, a web page or a PDF: the forms a card statement comes in (a CSV or Excel bill is none)."""
    return is_pdf(data) or is_eml(data) or is_html(data)


UNKNOWN = "认不出是哪家银行的信用卡账单：目前能读招商、交通、建设、工商、中国、中信、广发、浦发银行的电子账单"


def _bank_of(doc: Document) -> tuple[str, Callable[[Document], ImportResult], Document]:
    for bank, matches, parse in BANKS:
        if matches(doc):
            return bank, parse, doc
    for attached in doc.attachments:  # the statement may be the PDF attached to the e-mail
        return _bank_of(attached)
    raise BillImportError(UNKNOWN)


def statement_bank(data: bytes) -> str:
    """Which bank's statement a file is (``cmb``, ``bocom`` …); :class:`BillImportError` when none."""
    return _bank_of(read_document(data))[0]


def parse_document(doc: Document) -> ImportResult:
    _bank, parse, found = _bank_of(doc)
    return parse(found)


def parse_statement(data: bytes) -> ImportResult:
    """A credit-card statement (e-mail, web page or text PDF) → its transactions and figures (``card``)."""
    try:
        return parse_document(read_document(data))
    except BillImportError:
        raise
    except RecursionError:  # pragma: no cover - pathological nesting
        raise BillImportError("账单文件结构异常，无法读取") from None
    except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as error:
        raise BillImportError(f"账单内容不完整或已损坏，无法读取（{type(error).__name__}）") from None
