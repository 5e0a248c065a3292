"""Masking personal numbers in documents: ``110***********1234`` unless the borrower chooses to show them.

Defaults (see :class:`Disclosure`): the ID number is masked, because most letters go to people who already
hold it and copies travel further than intended; the phone number and e-mail are shown in full, because a
lender has to be able to answer a letter. The borrower can change each choice per document or package.
"""

from __future__ import annotations

from dataclasses import dataclass

MASK = "*"


@dataclass(frozen=True)
class Disclosure:
    """What a document shows of the borrower's numbers."""

    show_id_number: bool = False
    show_phone: bool = True
    show_email: bool = True


def mask_id_number(id_number: str) -> str:
    """Keep the first 3 and last 4 characters of an ID number: ``110101199001011234 → 110***********1234``.

    Shorter numbers keep less: under 8 characters only the last 2 stay visible (``A12345 → ****45``).
    Spaces people type inside the number are dropped first.
    """
    compact = "".join(id_number.split())
    if not compact:
        return ""
    if len(compact) < 8:
        keep = min(2, len(compact) - 1)
        return MASK * (len(compact) - keep) + compact[len(compact) - keep :]
    return compact[:3] + MASK * (len(compact) - 7) + compact[-4:]


def mask_phone(phone: str) -> str:
    """Hide the middle digits of a phone number, keeping separators and any ``+86`` prefix.

    A mainland mobile (11 digits) keeps the first 3 and last 4: ``138 1234 5678 → 138 **** 5678``;
    other numbers keep only their last 4 digits: ``010-62345678 → ***-****5678``.
    """
    stripped = phone.strip()
    prefix = ""
    for candidate in ("+86", "0086"):
        if stripped.startswith(candidate):
            prefix, stripped = candidate, stripped[len(candidate) :]
            break
    digits = [c for c in stripped if c.isdigit()]
    if len(digits) == 11 and digits[0] == "1":
        visible = set(range(3)) | set(range(7, 11))
    else:
        visible = set(range(max(0, len(digits) - 4), len(digits)))
    out: list[str] = []
    index = 0
    for char in stripped:
        if char.isdigit():
            out.append(char if index in visible else MASK)
            index += 1
        else:
            out.append(char)
    return prefix + "".join(out)


def mask_email(email: str) -> str:
    """Keep the first character of the name and the whole domain: ``zhang.san@example.com → z***@example.com``."""
    name, at, domain = email.strip().partition("@")
    if not at:
        return mask_id_number(email)
    return (name[:1] + MASK * 3 if name else "") + "@" + domain


def shown_id_number(id_number: str, disclosure: Disclosure) -> str:
    return "".join(id_number.split()) if disclosure.show_id_number else mask_id_number(id_number)


def shown_phone(phone: str, disclosure: Disclosure) -> str:
    return phone.strip() if disclosure.show_phone else mask_phone(phone)


def shown_email(email: str, disclosure: Disclosure) -> str:
    return email.strip() if disclosure.show_email else mask_email(email)
