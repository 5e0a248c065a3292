"""Legal lines against debts: scope, the LPR lookup, the 2020-08-20 transition and the excess, worked by hand.

The lines and LPR rates come from the packaged data files (``xieshang.reference``), as in the product.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang import reference
from xieshang.core.dates import add_months
from xieshang.core.legal import (
    LineResult,
    LprFormula,
    LprRate,
    LprSeries,
    NoLprError,
    applicable_lines,
    references_for,
)
from xieshang.core.loans import build_schedule
from xieshang.core.terms import LenderType, Loan, Method, Payment

LINES = reference.legal_lines()
LPR = reference.lpr_series()
D = Decimal


def loan(**kwargs: object) -> Loan:
    base: dict[str, object] = {
        "id": "x",
        "principal": D("10000.00"),
        "start_date": date(2025, 1, 10),
        "term_months": 12,
        "method": Method.INTEREST_ONLY,
        "annual_rate": D("0.12"),
        "lender_type": LenderType.PRIVATE,
    }
    base.update(kwargs)
    return Loan(**base)  # type: ignore[arg-type]


def paid_as_scheduled(debt: Loan) -> Loan:
    schedule = build_schedule(debt)
    return Loan(
        **{**debt.__dict__, "payments": tuple(Payment(p.due_date, p.payment) for p in schedule.periods)}
    )


def result(results: tuple[LineResult, ...], line_id: str) -> LineResult:
    return next(r for r in results if r.id == line_id)


# ---- the LPR series ------------------------------------------------------------------------------------------


def test_lpr_lookup_takes_the_latest_publication_on_or_before_the_day() -> None:
    """2024-10-21 published 3.10 %; the day before, the rate in force was 2024-09-20's 3.35 %.

    4 × 3.35 % = 13.40 %; 4 × 3.10 % = 12.40 %.
    """
    four = LprFormula(D(4), "1y")
    assert LPR.rate(four, date(2024, 10, 20)) == (D("0.1340"), LPR.on(date(2024, 9, 20)))
    assert LPR.rate(four, date(2024, 10, 21))[0] == D("0.1240")
    assert LPR.on(date(2024, 10, 21)).publish_date == date(2024, 10, 21)
    assert LPR.on(date(2019, 8, 20)).one_year == D("0.0425")


def test_no_lpr_before_the_first_publication() -> None:
    with pytest.raises(NoLprError, match="2019-08-19"):
        LPR.on(date(2019, 8, 19))


def test_series_must_be_sorted() -> None:
    a = LprRate(date(2020, 1, 20), D("0.0415"), D("0.048"))
    b = LprRate(date(2019, 12, 20), D("0.0415"), D("0.048"))
    with pytest.raises(ValueError, match="ascending"):
        LprSeries((a, b))


def test_formula_parsing() -> None:
    assert LprFormula.parse("4x_lpr_1y") == LprFormula(D(4), "1y")
    assert str(LprFormula.parse("1.5x_lpr_5y")) == "1.5x_lpr_5y"
    with pytest.raises(ValueError):
        LprFormula.parse("four times lpr")


# ---- private lending -----------------------------------------------------------------------------------------


def test_private_loan_after_2020_uses_four_times_the_lpr_at_the_contract_date() -> None:
    """12,000 等额本金 over 12 months at 24 %, made 2025-01-10, paid on time; as of 2025-04-10.

    LPR in force on 2025-01-10: 3.10 % (published 2024-12-20) → line 12.40 %.
    Due by 2025-04-10: periods 1–3 with interest 12,000·2 % = 240, 11,000·2 % = 220, 10,000·2 % = 200 → 660.
    Allowed at 12.40 %/12 on the same balances: (12,000 + 11,000 + 10,000) × 0.124 / 12 = 341.00.
    Excess = 660 − 341 = 319.00. The APR (24 %) is 11.6 points above the line.
    """
    debt = paid_as_scheduled(
        loan(principal=D("12000.00"), method=Method.EQUAL_PRINCIPAL, annual_rate=D("0.24"))
    )
    results = applicable_lines(debt, LINES, LPR, date(2025, 4, 10))
    line = result(results, "private-lending-4x-lpr")
    assert line.applies and line.exceeded
    assert line.rate == D("0.124")
    assert (line.charged, line.allowed, line.excess) == (D("660.00"), D("341.00"), D("319.00"))
    assert line.apr_vs_line is not None and abs(line.apr_vs_line - D("0.116")) < D("1e-6")
    assert line.confidence == "text" and "第二十五条" in line.source
    assert "2024-12-20" in line.reason and "12.40%" in line.reason
    for other in ("private-lending-transition", "financial-loan-24", "cash-loan-36", "assisted-lending-2025"):
        assert not result(results, other).applies


def test_prededucted_interest_is_not_principal() -> None:
    """10,000 先息后本 at 12 %, only 9,000 received (1,000 砍头息), made 2025-01-10; as of 2025-03-10, paid.

    Charged: the 1,000 deducted + two interest payments of 10,000·1 % = 100 → 1,200.
    Allowed (Art. 26: principal = 9,000): 2 × 9,000 × 0.124 / 12 = 186.00. Excess 1,014.00.
    """
    debt = paid_as_scheduled(loan(received=D("9000.00")))
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 3, 10)), "private-lending-4x-lpr")
    assert (line.charged, line.allowed, line.excess) == (D("1200.00"), D("186.00"), D("1014.00"))


def test_overdue_charges_are_compared_with_the_overdue_period_alone() -> None:
    """10,000 一次性还本付息 at 12 %, made 2025-01-10 for one month, never repaid; as of 2025-03-12; the contract
    sets 罚息 at 1.5 × the rate with 复利.

    Term (2025-01-10 → 2025-02-10, 31 days): interest 10,000 × 0.12 × 31/365 = 101.92; allowed at 12.40 %:
    10,000 × 0.124 × 31/365 = 105.3151 → 105.32; excess 0 (3.40 of headroom, which offsets nothing).
    Overdue (2025-02-11 … 2025-03-12, 30 days): 罚息 at 18 % on 10,000: 10,000 × 0.18 × 30/365 = 147.95;
    复利 on 101.92: 101.92 × 0.18 × 30/365 = 1.51; charged 149.46. Allowed on the principal only:
    10,000 × 0.124 × 30/365 = 101.9178 → 101.92. Excess 149.46 − 101.92 = 47.54.
    (The old reading netted the term's headroom and allowed 复利 as if it were principal: 43.10.)
    """
    debt = loan(
        method=Method.BULLET,
        term_months=1,
        penalty_rate_multiplier=D("1.5"),
        compound_overdue_interest=True,
    )
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 3, 12)), "private-lending-4x-lpr")
    term, overdue = line.periods
    assert (term.kind, term.begin, term.end) == ("term", date(2025, 1, 10), date(2025, 2, 10))
    assert (term.charged, term.allowed, term.excess) == (D("101.92"), D("105.32"), D("0.00"))
    assert (overdue.kind, overdue.begin, overdue.end) == ("overdue", date(2025, 2, 11), date(2025, 3, 12))
    assert (overdue.penalty, overdue.compound, overdue.base) == (D("147.95"), D("1.51"), D("10000.00"))
    assert (overdue.charged, overdue.allowed, overdue.excess) == (D("149.46"), D("101.92"), D("47.54"))
    assert (line.charged, line.allowed, line.excess) == (D("251.38"), D("207.24"), D("47.54"))
    assert line.exceeded


def test_private_loan_without_agreed_overdue_terms_pays_the_term_rate_without_compounding() -> None:
    """The same loan when the contract says nothing about overdue interest (民间借贷规定 Art. 28(2)(2)):
    overdue interest at the term rate, 12 %, and no 复利.

    Overdue: 10,000 × 0.12 × 30/365 = 98.63, below the 101.92 allowed: excess 0 in both periods.
    """
    debt = loan(method=Method.BULLET, term_months=1)
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 3, 12)), "private-lending-4x-lpr")
    _term, overdue = line.periods
    assert (overdue.penalty, overdue.compound, overdue.charged) == (D("98.63"), D("0.00"), D("98.63"))
    assert (line.charged, line.allowed, line.excess) == (D("200.55"), D("207.24"), D("0.00"))
    assert not line.exceeded


def test_contract_on_2020_08_20_is_under_the_new_rules() -> None:
    """Made on 2020-08-20: that day's LPR publication counts (3.85 % → 15.40 %); no transition."""
    results = applicable_lines(loan(start_date=date(2020, 8, 20)), LINES, LPR, date(2020, 9, 20))
    assert result(results, "private-lending-4x-lpr").rate == D("0.154")
    assert not result(results, "private-lending-transition").applies


def test_contract_before_2020_08_20_follows_the_transition() -> None:
    """24,000 等额本金 over 24 months at 30 %, made 2019-06-10, paid on time; as of 2021-06-10.

    Periods 1–15 start on or before 2020-08-19 (period 15 starts 2020-08-10): old line 24 %.
      balances 24,000 … 10,000 sum to 255,000 → 255,000 × 0.02 = 5,100.00
    Periods 16–24 start from 2020-09-10: 4 × the LPR on the analysis day (2021-05-20: 3.85 %) = 15.40 %.
      balances 9,000 … 1,000 sum to 45,000 → 45,000 × 0.154 / 12 = 577.50
    Allowed 5,677.50. Charged: all interest at 2.5 % a month on balances summing to 300,000 = 7,500.00.
    Excess 1,822.50.
    """
    debt = paid_as_scheduled(
        loan(
            principal=D("24000.00"),
            start_date=date(2019, 6, 10),
            term_months=24,
            method=Method.EQUAL_PRINCIPAL,
            annual_rate=D("0.30"),
        )
    )
    results = applicable_lines(debt, LINES, LPR, date(2021, 6, 10))
    assert not result(results, "private-lending-4x-lpr").applies
    line = result(results, "private-lending-transition")
    assert line.applies and line.rate == D("0.154")
    assert (line.charged, line.allowed, line.excess) == (D("7500.00"), D("5677.50"), D("1822.50"))
    assert "2020-08-19" in line.reason


def test_transition_loan_that_ended_before_the_cutover_is_measured_at_the_old_line() -> None:
    """10,000 先息后本 at 24 % for 12 months from 2019-01-10 (before the first LPR), paid; as of 2021-01-10.

    Every period starts before 2020-08-19, so the old 24 % line governs all of it: charged 12 × 200 = 2,400,
    allowed 12 × 10,000 × 2 % = 2,400, excess 0 and the APR (24 %) is not above the line.
    """
    debt = paid_as_scheduled(loan(start_date=date(2019, 1, 10), annual_rate=D("0.24")))
    line = result(applicable_lines(debt, LINES, LPR, date(2021, 1, 10)), "private-lending-transition")
    assert line.applies and line.rate == D("0.24")
    assert (line.charged, line.allowed, line.excess) == (D("2400.00"), D("2400.00"), D("0.00"))
    assert not line.exceeded


def test_the_transition_rule_is_not_in_force_before_2020_08_20() -> None:
    debt = loan(start_date=date(2019, 1, 10))
    line = result(applicable_lines(debt, LINES, LPR, date(2019, 6, 10)), "private-lending-transition")
    assert not line.applies and "2020-08-20" in line.reason


# ---- financial institutions, cash loans, assisted lending ----------------------------------------------------


def test_financial_loan_measured_at_24_percent() -> None:
    """10,000 先息后本 at 30 % from a consumer-finance company, 2025-01-10, paid; as of 2025-04-10.

    Interest 10,000 × 2.5 % = 250 a month × 3 = 750. Allowed 3 × 10,000 × 2 % = 600. Excess 150.00.
    """
    debt = paid_as_scheduled(loan(lender_type=LenderType.CONSUMER_FINANCE, annual_rate=D("0.30")))
    results = applicable_lines(debt, LINES, LPR, date(2025, 4, 10))
    line = result(results, "financial-loan-24")
    assert line.applies and line.confidence == "press"
    assert (line.charged, line.allowed, line.excess) == (D("750.00"), D("600.00"), D("150.00"))
    assert "据报道" in line.reason
    assert not result(results, "private-lending-4x-lpr").applies


def test_cash_loan_measured_at_36_percent_with_the_deduction_counted() -> None:
    """Online cash loan, 10,000 先息后本 at 24 %, 9,000 received; as of 2025-03-10, paid.

    Charged 1,000 + 2 × 200 = 1,400. Allowed 2 × 9,000 × 3 % = 540. Excess 860.00.
    """
    debt = paid_as_scheduled(
        loan(lender_type=LenderType.ONLINE_PLATFORM, annual_rate=D("0.24"), received=D("9000.00"))
    )
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 3, 10)), "cash-loan-36")
    assert line.applies and line.rate == D("0.36")
    assert (line.charged, line.allowed, line.excess) == (D("1400.00"), D("540.00"), D("860.00"))


def test_small_loan_companies_are_outside_private_lending_and_the_reason_says_why() -> None:
    results = applicable_lines(loan(lender_type=LenderType.SMALL_LOAN), LINES, LPR, date(2025, 3, 10))
    private = result(results, "private-lending-4x-lpr")
    assert not private.applies and "local-fin-org-excluded" in private.reason
    assert result(results, "financial-loan-24").applies


@pytest.mark.parametrize(
    ("start", "assisted", "applies"),
    [(date(2025, 9, 30), True, False), (date(2025, 10, 1), True, True), (date(2025, 10, 1), None, False)],
)
def test_assisted_lending_line_needs_a_platform_and_a_contract_from_2025_10_01(
    start: date, assisted: bool | None, applies: bool
) -> None:
    """金规〔2025〕9号 covers loans arranged through a platform (助贷) from 2025-10-01: a bank loan marked as
    platform-assisted is measured against the reported 24 % line; one not marked is not."""
    debt = loan(lender_type=LenderType.BANK, start_date=start, assisted_lending=assisted)
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 11, 1)), "assisted-lending-2025")
    assert line.applies is applies
    assert line.status == "reported"
    if assisted is None:
        assert "助贷" in line.reason and "platform" in line.reason_en


def test_a_rule_not_yet_in_force_does_not_apply() -> None:
    """The cash-loan notice dates from 2017-12-01: an analysis as of 2017-11-30 does not use it."""
    debt = loan(lender_type=LenderType.ONLINE_PLATFORM, start_date=date(2017, 6, 1))
    line = result(applicable_lines(debt, LINES, LPR, date(2017, 11, 30)), "cash-loan-36")
    assert not line.applies and "2017-12-01" in line.reason


def test_credit_cards_get_the_individual_instalment_reference() -> None:
    ids = {line.id for line in references_for(loan(lender_type=LenderType.CREDIT_CARD), LINES)}
    assert "card-individual-instalment" in ids and "no-prededucted-interest" in ids
    assert "card-individual-instalment" not in {line.id for line in references_for(loan(), LINES)}


def test_no_legal_number_is_a_literal_in_the_module() -> None:
    """The module holds formulas, not lines: no 0.24, 0.36, 24% or 2020-08-20 in the source."""
    import inspect

    from xieshang.core import legal

    source = inspect.getsource(legal)
    for literal in ('"0.24"', '"0.36"', "Decimal(4)", "date(2020", "0.24", "0.36"):
        assert literal not in source


@settings(max_examples=60, deadline=None)
@given(
    rate=st.decimals(min_value=D("0.01"), max_value=D("0.60"), places=3),
    months=st.integers(min_value=1, max_value=24),
)
def test_excess_is_zero_at_or_under_the_line_and_positive_above(rate: Decimal, months: int) -> None:
    """A fee-free 先息后本 financial loan paid on time: interest = balance × rate / 12, so excess > 0 iff rate > 24 %.

    (Rounding each period to the 分 moves the charged interest by at most 0.005 × periods.)
    """
    debt = paid_as_scheduled(loan(lender_type=LenderType.BANK, annual_rate=rate, term_months=months))
    line = result(applicable_lines(debt, LINES, LPR, date(2027, 12, 31)), "financial-loan-24")
    expected = D("10000") * (rate - D("0.24")) / 12 * months
    assert abs(line.excess - max(expected, D(0))) <= D("0.01") * months


def test_a_fee_paid_at_signing_is_spread_over_the_term() -> None:
    """Bank 12,000 先息后本 at 12 % for 12 months, 1,200 paid at signing, paid on time; as of period 3.

    Charged: 3 × 120 interest + 1,200 × 3/12 of the fee = 660. Allowed 3 × 12,000 × 2 % = 720. Excess 0.
    """
    debt = paid_as_scheduled(
        loan(lender_type=LenderType.BANK, principal=D("12000.00"), upfront_fee=D("1200.00"))
    )
    line = result(applicable_lines(debt, LINES, LPR, date(2025, 4, 10)), "financial-loan-24")
    assert (line.charged, line.allowed, line.excess) == (D("660.00"), D("720.00"), D("0.00"))


# ---- the reasons in English ----------------------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
FIGURE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?%|\d+\.\d{2}\b")


def _without_citations(text: str) -> str:
    """The reason with the cited documents' titles taken out: they stay Chinese in every language."""
    for line in LINES.lines:
        text = text.replace(line.citation, "")
    return text


def test_the_english_reasons_say_what_the_chinese_ones_say() -> None:
    """A small-loan company's loan from 2025-01-10, as of 2025-03-10: each kind of reason in both languages."""
    results = applicable_lines(loan(lender_type=LenderType.SMALL_LOAN), LINES, LPR, date(2025, 3, 10))
    private = result(results, "private-lending-4x-lpr")
    assert private.reason_en.startswith("Does not apply: this line is for private lending;")
    assert (
        "this debt is a small-loan company loan (see also local-fin-org-excluded: Seven kinds"
        in private.reason_en
    )
    assert private.title_en == LINES.get("private-lending-4x-lpr").title_en
    financial = result(results, "financial-loan-24")
    assert financial.reason_en.startswith("For reference (reported): 24.00% a year; true annual cost 12.")
    assert financial.reason_text.get("en") == financial.reason_en
    assert financial.reason_text.get("zh-hans") == financial.reason == str(financial.reason_text)
    assert financial.title_text.get("en-us") == LINES.get("financial-loan-24").title_en
    online = applicable_lines(loan(lender_type=LenderType.ONLINE_PLATFORM), LINES, LPR, date(2025, 3, 10))
    assert result(online, "financial-loan-24").reason_en == (
        "Does not apply: this line is for banks, consumer-finance companies, small-loan companies and credit cards;"
        " this debt is an online lending platform (cash) loan"
    )
    assert result(online, "assisted-lending-2025").reason_en.startswith(
        "Does not apply: this line is for banks and consumer-finance companies;"
    )


def test_an_lpr_line_explains_its_rate_in_english() -> None:
    """Private loan made 2025-01-10: the one-year LPR in force is 2024-12-20's 3.10 %, × 4 = 12.40 %."""
    line = result(applicable_lines(loan(), LINES, LPR, date(2025, 3, 10)), "private-lending-4x-lpr")
    assert (
        "the one-year LPR published on 2024-12-20, the latest on or before the contract date 2025-01-10"
        in (line.reason_en)
    )
    assert "3.10% × 4 = 12.40%" in line.reason_en and "3.10% × 4 = 12.40%" in line.reason


def test_a_line_without_an_lpr_says_so_in_both_languages() -> None:
    """An LPR series that starts 2030-01-20 has no rate for a contract made 2025-01-10: both languages say so."""
    late = LprSeries((LprRate(date(2030, 1, 20), D("0.03"), D("0.035")),))
    line = result(applicable_lines(loan(), LINES, late, date(2025, 3, 10)), "private-lending-4x-lpr")
    assert line.reason.startswith("无法计算本线：2025-01-10 之前没有发布过LPR")
    assert line.reason_en == (
        "This line cannot be computed: no LPR had been published by 2025-01-10 (first published 2030-01-20)"
    )


@settings(max_examples=80, deadline=None)
@given(
    lender=st.sampled_from(list(LenderType)),
    start=st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 6, 1)),
    months_later=st.integers(min_value=0, max_value=40),
)
def test_every_english_reason_is_english_with_the_same_figures(
    lender: LenderType, start: date, months_later: int
) -> None:
    """Whatever the lender, contract date and analysis date: no Chinese in ``reason_en`` outside the cited
    documents' titles, and the same dates, percentages and amounts as the Chinese reason."""
    debt = loan(lender_type=lender, start_date=start, term_months=6)
    as_of = add_months(start, months_later)
    for line in applicable_lines(debt, LINES, LPR, as_of):
        english = _without_citations(line.reason_en)
        assert not CJK.search(english), line.reason_en
        assert sorted(FIGURE.findall(english)) == sorted(FIGURE.findall(_without_citations(line.reason)))
