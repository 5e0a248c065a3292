"""What the borrower wrote down for the 征信异议申请 and the 还款情况汇报: credit-report disputes and progress notes
about the letter's creditor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xieshang.core.chinese_dates import chinese_date
from xieshang.core.disputes import CreditDispute, ProgressNote, in_period_order, recipient_name
from xieshang.core.materials import Catalog

from .text import ending, paragraphs

DISPUTE_REQUEST = "请对上述信用记录进行核查，如信息有误，请予以更正或删除，并将核查结果书面告知申请人。"


@dataclass(frozen=True)
class Dispute:
    """A wrong credit-report record: what it says, what is true, what to do."""

    facts: tuple[str, ...]
    requests: tuple[str, ...] = ()
    proofs: tuple[str, ...] = ()
    recipient: str = ""


def _material_name(catalog: Catalog | None, proof: str) -> str:
    if catalog is None:
        return proof
    try:
        return catalog.item(proof).name
    except KeyError:
        return proof


def dispute_letter(
    disputes: Sequence[CreditDispute], catalog: Catalog | None = None, basis: Mapping[str, str] | None = None
) -> Dispute | None:
    """The 征信异议申请's facts, requests, proofs and recipient from the disputes about one creditor.

    Each wrong record is one numbered fact (institution, account, date, what the report says, what is true);
    requests and proofs of all of them are listed once each (a proof that is a checklist item id prints as the
    item's name); the letter goes to the first dispute's recipient, and ends its requests with the rule on the
    reply deadline that recipient answers under (``basis``, from the data file).
    """
    if not disputes:
        return None
    facts = ["申请人查询本人信用报告，发现下列信息与事实不符："]
    for number, dispute in enumerate(disputes, start=1):
        record = dispute.record
        where = [f"报送机构：{ending(record.institution)}"]
        if record.account.strip():
            where.append(f"账户：{ending(record.account)}")
        if record.reported:
            where.append(f"报送（更新）日期：{chinese_date(record.reported)}")
        facts.append(f"{number}. {'；'.join(where)}。")
        facts.append(f"信用报告记载：{ending(record.wrong)}。")
        facts.append(f"实际情况：{ending(record.correct)}。")
    wanted = [ending(r) for r in dict.fromkeys(r for d in disputes for r in d.requests)] or [
        ending(DISPUTE_REQUEST)
    ]
    rule = (basis or {}).get(disputes[0].recipient.value, "")
    if rule:
        wanted.append(ending(rule))
    requests = [f"{n}. {r}{'。' if n == len(wanted) else '；'}" for n, r in enumerate(wanted, start=1)]
    proofs = [
        f"{number}. {_material_name(catalog, proof)}"
        for number, proof in enumerate(dict.fromkeys(p for d in disputes for p in d.proofs), start=1)
    ]
    return Dispute(tuple(facts), tuple(requests), tuple(proofs), recipient_name(disputes[0]))


def progress_paragraphs(notes: Sequence[ProgressNote]) -> list[str]:
    """Each note in period order, its first paragraph opened by the period it covers."""
    lines: list[str] = []
    for note in in_period_order(notes):
        parts = paragraphs(note.text)
        if parts:
            lines.append(f"{chinese_date(note.start)}至{chinese_date(note.end)}：{parts[0]}")
            lines.extend(parts[1:])
    return lines
