"""A saved statement against today's bills (core/bill_drift.py): which bill figures changed, and a prefill over a
stored statement that keeps what the person typed."""

from __future__ import annotations

from decimal import Decimal as D

from xieshang.core.bill_drift import Drift, bill_drift, from_bills, refill, settle
from xieshang.core.statement import Asset, AssetKind, Household, Line, Statement

NOTE = "按 15 个月账单平均"


def _statement(*lines: Line, assets: tuple[Asset, ...] = ()) -> Statement:
    return Statement(Household(adults=2), lines, assets)


def test_a_line_is_from_the_bills_while_it_keeps_the_prefills_note_and_no_name():
    assert from_bills(Line("food", D("6.39"), NOTE))
    assert from_bills(Line("food", D("6.39"), "按 3 个月账单平均"))
    assert not from_bills(Line("food", D("6.39"), "按 15 个月账单平均，另加外卖"))  # the person's note
    assert not from_bills(Line("food", D("6.39"), NOTE, label="外卖"))
    assert not from_bills(Line("food", D("6.39")))


def test_only_the_changed_bill_figures_are_reported_in_the_statements_order():
    saved = _statement(
        Line("other_income", D("1.90"), NOTE),
        Line("salary", D("3000.00")),
        Line("food", D("6.39"), NOTE),
        Line("housing", D("33.33"), NOTE),
    )
    fresh = _statement(
        Line("other_income", D("1.90"), NOTE), Line("food", D("8.27"), NOTE), Line("care", D("149.56"), NOTE)
    )
    assert bill_drift(saved, fresh) == (
        Drift("food", D("6.39"), D("8.27")),
        Drift("housing", D("33.33"), None),  # gone from the bills
        Drift("care", None, D("149.56")),  # new in the bills
    )


def test_nothing_to_compare_without_bill_figures_and_nothing_when_they_agree():
    typed = _statement(Line("food", D("500.00")), Line("salary", D("3000.00")))
    fresh = _statement(Line("food", D("8.27"), NOTE))
    assert bill_drift(typed, fresh) == ()
    same = _statement(Line("food", D("8.27"), "按 14 个月账单平均"))  # another month count, the same figure
    assert bill_drift(same, fresh) == ()


def test_a_category_the_person_typed_is_theirs_and_alike_bill_lines_add_up():
    saved = _statement(
        Line("food", D("3.00"), NOTE), Line("food", D("3.39"), NOTE), Line("care", D("100.00"))
    )
    fresh = _statement(Line("food", D("6.39"), NOTE), Line("care", D("149.56"), NOTE))
    assert bill_drift(saved, fresh) == ()  # 3.00 + 3.39 = 6.39; care was typed, the bills' care is not news


def test_refill_keeps_the_household_assets_and_typed_lines_and_takes_the_bills_figures():
    car = Asset(AssetKind.VEHICLE, D("20000.00"))
    stored = _statement(
        Line("food", D("6.39"), NOTE),
        Line("salary", D("3000.00")),
        Line("salary", D("800.00"), label="兼职"),
        Line("housing", D("1200.00")),  # typed, but the bills give housing now: the prefill takes the bills'
        Line("care", D("149.56"), NOTE),  # from the bills, no longer in them: dropped
        assets=(car,),
    )
    fresh = Statement(Household(), (Line("food", D("8.27"), NOTE), Line("housing", D("33.33"), NOTE)))
    assert refill(stored, fresh) == Statement(
        Household(adults=2),
        (
            Line("food", D("8.27"), NOTE),
            Line("housing", D("33.33"), NOTE),
            Line("salary", D("3000.00")),
            Line("salary", D("800.00"), label="兼职"),
        ),
        (car,),
    )
    assert refill(None, fresh) is fresh


def test_a_bill_figure_the_person_changed_loses_the_prefills_note_on_saving():
    saved = _statement(
        Line("food", D("6.39"), NOTE),  # as the bills give it
        Line("housing", D("1500.00"), NOTE),  # prefilled 33.33, then typed over
        Line("care", D("149.56"), NOTE),  # not in the bills (any more)
        Line("salary", D("3000.00"), "月薪"),
    )
    fresh = _statement(Line("food", D("6.39"), NOTE), Line("housing", D("33.33"), NOTE))
    assert settle(saved, fresh).lines == (
        Line("food", D("6.39"), NOTE),
        Line("housing", D("1500.00")),
        Line("care", D("149.56")),
        Line("salary", D("3000.00"), "月薪"),
    )
    assert bill_drift(settle(saved, fresh), fresh) == ()  # nothing left to report right after saving


def test_a_stale_bill_figure_saved_again_unchanged_keeps_its_note_and_its_warning():
    stored = _statement(Line("food", D("6.39"), NOTE), Line("salary", D("3000.00")))
    fresh = _statement(Line("food", D("8.27"), NOTE))  # the bills moved on since
    again = _statement(Line("food", D("6.39"), NOTE), Line("salary", D("3200.00")))  # only the salary changed
    assert settle(again, fresh, stored) == again
    assert bill_drift(settle(again, fresh, stored), fresh) == (Drift("food", D("6.39"), D("8.27")),)
    typed_over = _statement(Line("food", D("7.00"), NOTE))
    assert settle(typed_over, fresh, stored).lines == (Line("food", D("7.00")),)
