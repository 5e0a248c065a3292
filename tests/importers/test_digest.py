"""The one-pass digest of bills gives exactly what the materialised pipeline gives: ``merge`` → ``categorise`` →
``summarise`` over the lists of transactions (importers/digest.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.categories import categorise
from xieshang.core.summary import summarise
from xieshang.importers.detect import import_bytes
from xieshang.importers.digest import digest
from xieshang.importers.errors import BillImportError
from xieshang.importers.merge import merge
from xieshang.importers.reference import category_map, known_lenders

from .helpers import BILLS, sample
from .test_wechat import with_refunds


def _bills() -> list[Path]:
    """Every sample file an importer reads (bill exports and card statements of every bank)."""
    found = []
    for path in sorted(BILLS.rglob("*")):
        if not path.is_file():
            continue
        try:
            import_bytes(path.read_bytes(), path.name)
        except BillImportError:
            continue
        found.append(path)
    return found


BILL_FILES = _bills()


def materialised(files: Sequence[tuple[bytes, str]]) -> dict[str, Any]:
    results = [import_bytes(data, name) for data, name in files]
    merged = merge(results)
    summary = summarise(categorise(merged.transactions, category_map()).transactions, known_lenders())
    return {
        "results": [dataclasses.replace(r, transactions=()) for r in results],
        "summary": summary,
        "kept": len(merged.transactions),
        "duplicates": merged.duplicates,
        "refunds_netted": merged.refunds_netted,
        "overlaps": [(o.wallet, o.bank) for o in merged.overlaps],
    }


def digested(files: Sequence[tuple[bytes, str]]) -> dict[str, Any]:
    found = digest(files, category_map(), known_lenders())
    return {
        "results": list(found.results),
        "summary": found.summary,
        "kept": found.kept,
        "duplicates": found.duplicates,
        "refunds_netted": found.refunds_netted,
        "overlaps": [(o.wallet, o.bank) for o in found.overlaps],
    }


def test_the_samples_cover_every_kind_of_bill() -> None:
    """Not a vacuous comparison: wallets, banks' CSV and spreadsheets, and card statements are all there."""
    formats = {import_bytes(p.read_bytes(), p.name).format for p in BILL_FILES}
    assert {"alipay", "wechat", "wechat_xlsx", "jd", "meituan", "ccb", "cmb_debit"} <= formats
    assert any(f.endswith("_statement") for f in formats)


@pytest.mark.parametrize("path", BILL_FILES, ids=lambda p: str(p.relative_to(BILLS)))
def test_each_sample_alone(path: Path) -> None:
    files = [(path.read_bytes(), path.name)]
    assert digested(files) == materialised(files)


def test_every_sample_together_in_both_orders_and_twice() -> None:
    """All the samples as one upload (Alipay and the card statements it was paid from overlap; WeChat CSV and
    XLSX are the same bill), then reversed, then each file twice (every row with an order id a duplicate)."""
    files = [(p.read_bytes(), p.name) for p in BILL_FILES]
    together = materialised(files)
    assert together["overlaps"] and together["refunds_netted"] and together["duplicates"]
    assert digested(files) == together
    for upload in (files[::-1], files + files):
        assert digested(upload) == materialised(upload)


def test_refunds_netted_by_id_by_note_and_by_title() -> None:
    """WeChat refunds netted by merchant number and by the payment's 已退款 note, Meituan's by the order title,
    Alipay's by order id: the refunds are taken back out of the sums as merge drops them."""
    files = [
        (with_refunds(), "wechat.csv"),
        (sample("deb-sig-examples/mt/example-mt-records.csv"), "mt.csv"),
        (sample("deb-sig-examples/alipay/example-alipay-records.csv"), "alipay.csv"),
    ]
    expected = materialised(files)
    assert expected["refunds_netted"] >= 3
    assert digested(files) == expected


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(BILL_FILES))), min_size=1, max_size=6))
def test_any_upload_of_the_samples(picked: list[int]) -> None:
    files = [(BILL_FILES[i].read_bytes(), BILL_FILES[i].name) for i in picked]
    assert digested(files) == materialised(files)


def test_a_file_that_cannot_be_read_stops_the_digest_with_its_name() -> None:
    good = sample("deb-sig-examples/alipay/example-alipay-records.csv")
    with pytest.raises(BillImportError, match=r"bad\.csv"):
        digest(
            [(good, "a.csv"), (good[: len(good) // 2] + b",,,,,,,,,,,,,,,,,,,,x\n", "bad.csv")],
            category_map(),
        )
