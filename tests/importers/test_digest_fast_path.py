"""The digest's fast path for the current Alipay export (``_Reader.fields``: a row's fields, no transaction made
of a row that is only summed) gives exactly what its general path gives (each row made a ``Transaction`` and
handed to ``_Reader.take``): the same summary and counts on every sample bill, and the same located error on a
damaged one (importers/digest.py, importers/alipay.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings

from xieshang.core.transactions import Transaction
from xieshang.importers.detect import import_bytes
from xieshang.importers.digest import _Reader
from xieshang.importers.errors import BillImportError
from xieshang.importers.reference import category_map, known_lenders

from .helpers import mutations, sample
from .test_digest import BILL_FILES
from .test_tolerance import ALIPAY, alipay_12_and_13_fields


def _read(files: Sequence[tuple[bytes, str]], fast: bool) -> Any:
    """What the digest reads of ``files``, through the fast path or with the reader as a plain callable sink;
    a file that cannot be read gives its error's message and row."""
    reader = _Reader(category_map(), (), known_lenders())

    def general(t: Transaction) -> None:  # a sink without the fast path: every row becomes a transaction
        reader.take(t)

    results = []
    try:
        for index, (data, name) in enumerate(files):
            reader.file(last=index == len(files) - 1)
            results.append(import_bytes(data, name, sink=reader if fast else general))
    except BillImportError as error:
        return ("error", str(error), error.row)
    netted, overlaps = reader.finish()
    return (
        results,
        reader.sums.summary(),
        reader.sums.kept,
        reader.duplicates,
        netted,
        [(o.wallet, o.bank) for o in overlaps],
    )


def test_the_samples_include_bills_of_the_fast_path() -> None:
    assert any(import_bytes(path.read_bytes(), path.name).format == "alipay" for path in BILL_FILES)


def test_every_sample_alone_and_all_together_twice() -> None:
    files = [(path.read_bytes(), path.name) for path in BILL_FILES]
    for one in files:
        assert _read([one], fast=True) == _read([one], fast=False)
    both = files + files
    assert _read(both, fast=True) == _read(both, fast=False)


def test_rows_of_12_and_13_fields() -> None:
    files = [(alipay_12_and_13_fields(), "alipay.csv"), (sample(ALIPAY), "again.csv")]
    assert _read(files, fast=True) == _read(files, fast=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations(sample(ALIPAY)))
def test_a_damaged_alipay_bill_gives_the_same_located_error_or_the_same_summary(data: bytes) -> None:
    assert _read([(data, "支付宝交易明细.csv")], fast=True) == _read(
        [(data, "支付宝交易明细.csv")], fast=False
    )
