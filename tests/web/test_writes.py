"""The one write path: the lock, the revision, identifiers that are never given twice (real database)."""

from __future__ import annotations

import pytest

from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case
from xieshang.cases.writes import allocate_id, highest_number, ids_in, locked, reserve_ids


def test_every_committed_write_bumps_the_revision_once(case: Case) -> None:
    start = Case.objects.get(pk=case.pk).revision
    with locked(case.pk) as row:
        row.borrower_name = "改名"
        row.save(update_fields=["borrower_name"])
    with locked(case.pk):
        pass
    assert Case.objects.get(pk=case.pk).revision == start + 2


def test_a_failed_write_changes_nothing_not_even_the_revision_or_the_counter(case: Case) -> None:
    before = Case.objects.get(pk=case.pk)
    with pytest.raises(RuntimeError), locked(case.pk) as row:
        allocate_id(row, "c")
        row.borrower_name = "不该保存"
        row.save(update_fields=["borrower_name"])
        raise RuntimeError("the person's input was refused")
    after = Case.objects.get(pk=case.pk)
    assert (after.revision, after.next_serial, after.borrower_name) == (
        before.revision,
        before.next_serial,
        before.borrower_name,
    )


def test_ids_are_never_given_twice_across_transactions(case: Case) -> None:
    given = []
    for _ in range(3):
        with locked(case.pk) as row:
            given.append(allocate_id(row, "c"))
            given.append(allocate_id(row, "d"))
    numbers = [int(i[1:]) for i in given]
    assert numbers == sorted(numbers) and len(set(numbers)) == 6


def test_highest_number_reads_the_trailing_number_of_ids() -> None:
    assert highest_number(["c1", "c12", "dispute-3", "kuaidai", "x9y"]) == 12
    assert highest_number([]) == 0


def test_ids_in_finds_ids_at_any_depth_but_not_other_keys() -> None:
    data = {"contacts": [{"id": "c4", "note": "c99"}, {"id": "c7"}], "disputes": {"items": [{"id": 11}]}}
    assert sorted(ids_in(data)) == ["11", "c4", "c7"]


def test_an_imported_case_allocates_after_the_ids_its_file_holds(owner) -> None:
    text = """\
version: 1
borrower: {name: 测试}
debts:
  - {id: kuaidai, lender_type: online_platform, principal: "5000", start_date: 2025-01-01, term_months: 12,
     method: equal_installment, annual_rate: 24}
contacts:
  - {id: c5, debt: kuaidai, when: "2026-01-02 10:00", channel: 电话, direction: outgoing, summary: 说明情况}
"""
    case = import_case_text(owner, text, source_name="c.yaml")
    with locked(case.pk) as row:
        assert allocate_id(row, "c") == "c6"


def test_reserve_ids_never_moves_the_counter_back(case: Case) -> None:
    with locked(case.pk) as row:
        row.next_serial = 50
        reserve_ids(row, ["c3"])
        assert row.next_serial == 50
    assert Case.objects.get(pk=case.pk).next_serial == 50
