"""Alipay's current export read line by line (importers/lines.py, importers/current.py) gives exactly what the
csv module's reading through ``table.collect`` gives: the same rows, transactions, skipped rows, warnings and
stated totals, the same summary through the digest's fast path, and the same located error (message and row)
on a damaged bill: quotes, cells over several lines, CR line ends, bad bytes, rows cut or run together."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xieshang.core.transactions import Transaction
from xieshang.importers import alipay
from xieshang.importers.digest import _Reader
from xieshang.importers.errors import BillImportError
from xieshang.importers.lines import Lines
from xieshang.importers.reference import category_map, known_lenders
from xieshang.importers.text import FIELD_LIMIT, iter_csv

from .helpers import mutations, sample
from .test_tolerance import ALIPAY, alipay_12_and_13_fields

# bytes that change how a line is read: quotes, line ends, commas, padding, a GBK lead byte without its trail
AWKWARD = (
    b'"',
    b'""',
    b'"\n',
    b'\n"',
    b"\r",
    b"\r\n",
    b"\n",
    b",",
    b"\t",
    b" ",
    b"\x81",
    b"\xff",
    b'"a,\nb"',
    b"\x00",
)


def _generated(rows: int = 60, seed: int = 7) -> bytes:
    """A bill in the export's current layout (as the benchmark makes them, GBK), with every kind of row: spending,
    income, neutral, refunds, closed ones, blank cells written ``/``, order ids ending in a TAB."""
    rng = random.Random(seed)
    kinds = [
        ("餐饮美食", "肯德基", "支出", "交易成功"),
        ("转账红包", "张三", "收入", "交易成功"),
        ("转账红包", "李四", "收入", "交易关闭"),
        ("信用借还", "花呗", "不计收支", "交易成功"),
        ("退款", "肯德基", "不计收支", "退款成功"),
        ("日用百货", "/", "支出", "交易关闭"),
        ("投资理财", "余额宝", "不计收支", "交易关闭"),
    ]
    lines = ["-" * 40, "导出信息：", f"共{rows}笔记录", "", "-" * 24 + "电子客户回单" + "-" * 24]
    lines.append(
        "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,"
    )
    for i in range(rows):
        cat, party, kind, status = kinds[rng.randrange(len(kinds))]
        order = f"2024{i % 17:012d}" + ("_1" if status == "退款成功" else "")
        lines.append(
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 12:{i % 60:02d}:00,{cat},{party},/,商品,{kind},"
            f"{rng.randrange(1, 50000) / 100:.2f},{rng.choice(['余额', '招商银行信用卡(1234)', '/'])},{status},"
            f"{order}\t,M{i}\t,,"
        )
    return ("\n".join(lines) + "\n").encode("gbk")


GENERATED = _generated()
QUOTED = (
    sample(ALIPAY)
    .decode("gbk")
    .replace("商品", '"商品,说明""内"', 1)
    .replace("/", '"多\r\n行"', 2)
    .encode("gbk")
)


def _swapped(data: bytes) -> bytes:
    """The bill with its first two columns swapped (the time second: a row's first cell is then no time)."""
    lines = []
    for line in data.decode("gbk").split("\n"):
        cells = line.split(",")
        lines.append(",".join([cells[1], cells[0], *cells[2:]] if len(cells) > 1 else cells))
    return "\n".join(lines).encode("gbk")


def _inserted(data: bytes, at: int, line: str) -> bytes:
    lines = data.decode("gbk").split("\n")
    return "\n".join([*lines[:at], line, *lines[at:]]).encode("gbk")


# rows of the footer's first words that would otherwise be read as rows (a closed one, one with a time)
FOOTERISH = _inserted(GENERATED, 30, "共2笔,餐饮美食,x,/,商品,不计收支,1.00,余额,交易关闭,1\t,M\t,,")
SWAPPED = _inserted(
    _swapped(GENERATED), 40, "合计,2024-01-01 12:00:00,x,/,商品,支出,1.00,余额,交易成功,1\t,M\t,,"
)
# a quoted cell over two lines early in a bill longer than what the encoding is judged on, a bad byte late in it
LONG = _inserted(
    _generated(1000), 20, '2024-01-01 12:00:00,"餐饮\n美食",x,/,"商品,一",支出,1.00,余额,交易成功,1\t,M\t,,'
)
SAMPLES = (
    LONG[:-200] + b"\xff" + LONG[-200:],
    _inserted(
        LONG,
        900,
        '2024-01-01 12:00:00,"a\nb' + "x" * FIELD_LIMIT + '",x,/,商品,支出,1.00,余额,交易成功,1,M,,',
    ),
    FOOTERISH,
    SWAPPED,
    QUOTED + b"\xff\n",  # a bad byte after a cell over two lines
    QUOTED[:-300] + b'"' + QUOTED[-300:],  # a quote left open to the end
    QUOTED.replace(b"\r\n", b"\r"),
    sample(ALIPAY),
    alipay_12_and_13_fields(),
    GENERATED,
    QUOTED,
    sample(ALIPAY).replace(b"\n", b"\r\n"),
)


def _rows(read: Callable[[bytes], Iterator[list[str]]], data: bytes) -> Any:
    """The rows read of ``data`` until the end or the error, and the error's message and row."""
    rows: list[list[str]] = []
    try:
        rows.extend(read(data))
    except BillImportError as error:
        return rows, str(error), error.row
    return rows, None


def _lines_rows(data: bytes) -> Iterator[list[str]]:
    return Lines(data).rows()


def _parsed(parse: Callable[..., Any], data: bytes, sink: str) -> Any:
    """The result of ``parse`` with no sink, with the digest's reader (fast path) or a plain callable sink, and
    what the reader summed; or the error's message and row."""
    reader = _Reader(category_map(), (), known_lenders())
    reader.file(last=True)

    def general(t: Transaction) -> None:
        reader.take(t)

    try:
        result = parse(data, {"none": None, "fast": reader, "general": general}[sink])
    except BillImportError as error:
        return ("error", str(error), error.row)
    netted, overlaps = reader.finish()
    return result, reader.sums.summary(), reader.sums.kept, netted, [(o.wallet, o.bank) for o in overlaps]


def _same(data: bytes) -> None:
    assert _rows(_lines_rows, data) == _rows(iter_csv, data)
    for sink in ("none", "fast", "general"):
        assert _parsed(alipay.parse_2023, data, sink) == _parsed(alipay.parse_2023_csv, data, sink)


def test_the_samples_are_read_alike_and_the_quoted_one_has_quotes() -> None:
    assert b'"' in QUOTED
    for data in SAMPLES:
        _same(data)
    assert _parsed(alipay.parse_2023, GENERATED, "none")[0].transactions


def test_a_cell_longer_than_the_csv_limit_is_refused_where_csv_refuses_it() -> None:
    lines = sample(ALIPAY).split(b"\n")
    lines[26] = lines[26].replace(b",", b"," + b"x" * (FIELD_LIMIT + 5), 1)
    data = b"\n".join(lines)
    found = _parsed(alipay.parse_2023, data, "fast")
    assert found[0] == "error" and "field larger than field limit" in found[1]
    _same(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SAMPLES[7:11]),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(AWKWARD)), min_size=1, max_size=4),
)
def test_awkward_bytes_anywhere_are_read_alike(data: bytes, splices: list[tuple[float, bytes]]) -> None:
    for where, what in splices:
        at = int(where * len(data))
        data = data[:at] + what + data[at:]
    _same(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutations(sample(ALIPAY)), mutations(GENERATED), mutations(QUOTED)))
def test_a_damaged_bill_gives_the_same_rows_result_or_located_error(data: bytes) -> None:
    _same(data)
