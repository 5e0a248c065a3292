"""A debt and a case analysed on a day: schedule, true cost, overdue status, lines and totals."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from xieshang import reference
from xieshang.casefile import load_case_file
from xieshang.core.analysis import analyze_case, analyze_debt
from xieshang.core.case import Borrower, Case
from xieshang.core.terms import LenderType, Loan, Method, Payment

D = Decimal
LINES = reference.legal_lines()
LPR = reference.lpr_series()
AS_OF = date(2026, 3, 12)

BANK = Loan(
    id="bank",
    principal=D("12000.00"),
    start_date=date(2026, 1, 15),
    term_months=12,
    method=Method.INTEREST_ONLY,
    annual_rate=D("0.12"),
    lender_type=LenderType.BANK,
    payments=(Payment(date(2026, 2, 15), D("120.00")),),
)
PRIVATE = Loan(
    id="friend",
    principal=D("10000.00"),
    start_date=date(2026, 1, 10),
    term_months=1,
    method=Method.BULLET,
    annual_rate=D("0.12"),
    lender_type=LenderType.PRIVATE,
    penalty_rate_multiplier=D("1.5"),  # the contract's own overdue terms: 罚息 1.5 × the rate, with 复利
    compound_overdue_interest=True,
)


def test_a_loan_paid_on_time_has_nothing_overdue_and_its_nominal_rate_as_apr() -> None:
    """12,000 先息后本 at 12 %: interest 120 a month, paid on 2026-02-15; the next is due 2026-03-15.

    On 2026-03-12 nothing is late; 12,000 principal is owed. A fee-free monthly loan's IRR is 1 % a month,
    so its APR is 12 % and its EAR 1.01^12 − 1 = 12.6825 %. Against the 24 % financial line and (a bank
    contract after 2025-10-01 not marked as platform-assisted, so the reported assisted-lending line does not
    apply): no excess.
    """
    result = analyze_debt(BANK, AS_OF, LINES, LPR)
    assert result.overdue.days_overdue == 0 and result.overdue.overdue_total == 0
    assert result.overdue.outstanding.total == D("12000.00")
    assert result.apr is not None and abs(result.apr - D("0.12")) < D("1e-6")
    assert result.ear is not None and abs(result.ear - D("0.126825")) < D("1e-6")
    assert [line.id for line in result.applying_lines] == ["financial-loan-24"]
    assert result.excess == 0 and result.true_cost_note == ""
    assert len(result.schedule.periods) == 12


def test_an_overdue_private_loan_against_four_times_the_lpr() -> None:
    """10,000 一次性还本付息 at 12 % due 2026-02-10 (31 days), unpaid; on 2026-03-12 it is 30 days late.

    Interest 10,000 × 0.12 × 31/365 = 101.92; 罚息 18 % × 10,000 × 30/365 = 147.95; 复利 on 101.92 = 1.51.
    Overdue total 10,000 + 101.92 + 147.95 + 1.51 = 10,251.38.
    Line: LPR on 2026-01-10 is 3.00 % (2025-12-22) → 12 %. Term: allowed 10,000 × 0.12 × 31/365 = 101.92,
    charged 101.92: no excess. Overdue: allowed 10,000 × 0.12 × 30/365 = 98.63, charged 147.95 + 1.51 =
    149.46: excess 50.83, the debt's excess.
    """
    result = analyze_debt(PRIVATE, AS_OF, LINES, LPR)
    assert result.overdue.days_overdue == 30
    assert result.overdue.overdue_total == D("10251.38")
    (line,) = result.applying_lines
    assert line.id == "private-lending-4x-lpr" and line.rate == D("0.12")
    assert [p.excess for p in line.periods] == [D("0.00"), D("50.83")]
    assert line.excess == D("50.83") and result.excess == D("50.83")
    assert "no-prededucted-interest" in {ref.id for ref in result.references}


def test_case_totals_add_up_the_debts() -> None:
    """Outstanding 12,000 + 10,251.38 = 22,251.38; overdue 10,251.38; excess 0 + 50.83."""
    case = Case(Borrower("张三"), (BANK, PRIVATE))
    result = analyze_case(case, AS_OF, LINES, LPR)
    assert result.as_of == AS_OF and [d.loan.id for d in result.debts] == ["bank", "friend"]
    assert result.totals.outstanding == D("22251.38")
    assert result.totals.overdue == D("10251.38")
    assert result.totals.excess == D("50.83")
    assert result.lines_version == LINES.version


def test_the_sample_case_analyses_every_debt() -> None:
    case = load_case_file(Path(__file__).resolve().parents[2] / "examples" / "sample-case.yaml")
    assert case.as_of is not None
    result = analyze_case(case, case.as_of, LINES, LPR)
    by_id = {d.loan.id: d for d in result.debts}
    assert by_id["xiaofei"].overdue.days_overdue > 0  # partial payments, then nothing
    assert by_id["minjian"].excess > 0  # private loan above 4 × LPR
    assert all(d.apr is not None for d in result.debts)
    assert result.totals.outstanding == sum((d.overdue.outstanding.total for d in result.debts), D(0))


def test_without_a_true_cost_the_note_says_why_in_both_languages() -> None:
    """1,000 over 3 months with a 1,000 fee at signing leaves nothing in hand: no rate of return exists."""
    loan = Loan("f", D(1000), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, upfront_fee=D(1000))
    result = analyze_debt(loan, AS_OF, LINES, LPR)
    assert result.true_cost is None
    note = result.true_cost_note_text
    assert note.get("zh-hans") == "现金流需要同时有收入和支出（到手金额为正，还款为负）"
    assert note.get("en") == "cash flows need both money received (+) and payments (−)"
    assert not analyze_debt(BANK, AS_OF, LINES, LPR).true_cost_note_text
