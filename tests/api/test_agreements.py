"""The agreements through the API: the same agreement, statuses and amounts the case view gives, and a
hand-worked one.

The case: ¥1,200 over three months at 12 %, an agreement from 2026-03-02 for 1,212.00 in three instalments of
404.00 (grace 5 days), the first paid on its day (p1). On 2026-04-18 the second (due 04-15) is three days
past due with nothing paid (that instalment: missed; the agreement: late, still within its grace): paid
404.00, remaining 1,212.00 − 404.00 = 808.00, late 404.00, broken after 04-15 + 5 days = 2026-04-20; the
next instalment due from that day on is the third, 2026-05-15, 404.00.
"""

from __future__ import annotations

from xieshang.cases.case_writes import import_case_text
from xieshang.cases.reading import read_case

from ..cli.test_agreements import CASE
from ..web.people import make_user


def test_an_agreement_as_the_case_view_and_by_hand(api, owner) -> None:
    case = import_case_text(owner, CASE.replace("version: 1\n", "version: 1\nas_of: 2026-04-18\n"), "a.yaml")
    body = api.get(f"/api/v1/cases/{case.pk}/agreements/").json()
    assert body["count"] == 1
    (one,) = body["items"]
    assert one["debt_id"] == case.debts.get(key="bank").pk
    assert (one["total"], one["paid"], one["remaining"], one["late_amount"]) == (
        "1212.00",
        "404.00",
        "808.00",
        "404.00",
    )
    assert (
        one["breaks_on"] == "2026-04-20"
        and one["next_due"] == "2026-05-15"
        and one["next_amount"] == "404.00"
    )
    assert [i["status"] for i in one["instalments"]] == ["paid", "missed", "upcoming"]
    assert one["status"] == "late"
    assert one["instalments"][0]["paid_on"] == "2026-03-15"
    view = read_case(case).view
    state = view.agreements["bank"]
    assert one["status"] == str(state.status) and one["status_label"]
    assert one["remaining"] == f"{state.remaining:.2f}"
    assert one["creditor"] == view.name("bank").zh and "bank" not in one["status_label"]


def test_nobody_elses_agreements(api, owner) -> None:
    other = import_case_text(make_user("borrower_b"), CASE, "b.yaml")
    assert api.get(f"/api/v1/cases/{other.pk}/agreements/").status_code == 404
