"""A projection's split memo (``allocation.SplitMemo``) gives exactly the split made without it, month after month."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.allocation import Claim, SplitMemo, Strategy, allocate

D = Decimal
cents = st.integers(min_value=0, max_value=500_000).map(lambda c: Decimal(c) / 100)
claim = st.tuples(cents, st.integers(1, 2_000_000).map(lambda c: Decimal(c) / 100), st.booleans())
# a month: the creditors' claims, each month's caps moved by a few 分 or left alone (as a balance paid down)
months = st.lists(st.lists(st.integers(-300, 300), min_size=8, max_size=8), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(claim, min_size=1, max_size=8),
    months,
    st.integers(1, 1_000_000).map(lambda c: Decimal(c) / 100),
    st.sampled_from(list(Strategy)),
    st.sampled_from([D(0), D("50.00"), D("30")]),
    st.booleans(),
)
def test_a_month_split_with_the_memo_is_the_split_without_it(
    raw, moves, budget, strategy, minimum, same
) -> None:  # type: ignore[no-untyped-def]
    """Claims of 0–¥5,000 due and ¥0.01–¥20,000 of cap (some a priority), over up to 12 months whose caps move
    by up to ¥3 each month (or, with ``same``, only every other month, so the memo has a month to match): the
    shares with one memo kept across the months are those of ``allocate`` without a memo, value and digits,
    and whether the minimums were met."""
    memo = SplitMemo()
    caps = [cap for _, cap, _ in raw]
    for month, move in enumerate(moves):
        if not same or month % 2:
            caps = [max(cap + D(step) / 100, D("0.01")) for cap, step in zip(caps, move, strict=False)]
        claims = [
            Claim(f"c{i}", due, caps[i], caps[i], D(i) / 100, prio) for i, (due, _, prio) in enumerate(raw)
        ]
        plain = allocate(budget, claims, strategy, minimum)
        kept = allocate(budget, claims, strategy, minimum, memo=memo)
        assert [(k, str(v)) for k, v in kept.shares.items()] == [(k, str(v)) for k, v in plain.shares.items()]
        assert kept.minimums_met == plain.minimums_met


def test_a_month_asking_what_the_last_asked_reuses_its_split() -> None:
    """Three creditors due ¥100, ¥200 and ¥300 a month with caps far above, a budget of ¥100, pro rata and no
    minimum: ¥16.67, ¥33.33 and ¥50.00 (100/6 = 16.666…, 200/6 = 33.333…; the left-over 分 to the largest
    remainder, 16.666…). The next month the caps fell by ¥10 each and nothing crossed a bound: the memo hands
    back the same shares (the same dict) without dividing again; a month whose weights change does not."""
    memo = SplitMemo()
    first = [Claim("a", D(100), D(5000)), Claim("b", D(200), D(5000)), Claim("c", D(300), D(5000))]
    shares = allocate(D(100), first, Strategy.PRO_RATA, D(0), memo=memo).shares
    assert shares == {"a": D("16.67"), "b": D("33.33"), "c": D("50.00")}
    kept = memo.rounded
    second = [c._replace(cap=c.cap - 10) for c in first]
    assert allocate(D(100), second, Strategy.PRO_RATA, D(0), memo=memo).shares == shares
    assert memo.rounded is kept
    third = [first[0]._replace(due=D(150)), *second[1:]]
    allocate(D(100), third, Strategy.PRO_RATA, D(0), memo=memo)
    assert memo.rounded is not kept
