"""What an English page may still show in Chinese, and how to look for anything else.

An English page shows no Chinese it wrote itself. What stays as written is the person's own data and the cited
documents' titles:

- the names the case holds: the borrower, every debt's name and creditor, the institutions and agencies in the
  contact log;
- the promises the person wrote in the contact log (a follow-up reminder quotes them);
- the titles of the cited laws and rules (``source`` / citation of every legal line and collection rule).

Nothing else: no regular expression, only these exact strings, longest first.
"""

from __future__ import annotations

import html
import re

from xieshang import reference
from xieshang.casefile.contacts import contacts_from_dict
from xieshang.cases.convert import core_case
from xieshang.cases.models import Case

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def kept_as_written(case: Case) -> list[str]:
    """The exact strings an English page may show in Chinese for ``case`` (see the module docstring)."""
    kept = {case.borrower_name, *(str(d) for d in case.debts.all())}
    kept |= {loan.creditor for loan in core_case(case).debts if loan.creditor}
    for contact in contacts_from_dict(case.sections.get("contacts")):
        kept |= {contact.institution, contact.creditor, contact.agency}
        kept |= {contact.our_promises, contact.their_promises}
    kept |= {line.citation for line in reference.legal_lines().lines}
    kept |= {rule.source for rule in reference.collection_rules()}
    return sorted((k for k in kept if k), key=len, reverse=True)


def text_of(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def chinese_left(fragment: str, kept: list[str]) -> list[str]:
    """The runs of Chinese in ``fragment`` once every string in ``kept`` is taken out."""
    text = text_of(fragment)
    for item in kept:
        text = text.replace(item, " ")
    return CJK.findall(text)


def section(page: str, start: str, end: str) -> str:
    """The part of ``page`` from the first ``start`` to the next ``end`` (fails when ``start`` is missing)."""
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def sections(page: str, start: str, end: str) -> list[str]:
    """Every part of ``page`` from a ``start`` to the next ``end``."""
    found, at = [], page.find(start)
    while at >= 0:
        stop = page.index(end, at)
        found.append(page[at:stop])
        at = page.find(start, stop)
    return found
