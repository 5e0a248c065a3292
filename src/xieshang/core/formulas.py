"""Text that a spreadsheet must show as text, never run as a formula (the OWASP "CSV injection" rule).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by Excel, WPS and
LibreOffice as the start of a formula. Bills carry such text from third parties (a merchant's name, someone
else's transfer note), so every exported cell holding a person's or a third party's text is written as text:
in .xlsx with the cell's type set to text, in CSV with a leading apostrophe (the only marker a CSV has).
The app's own labels never begin with these characters.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_field(text: str) -> str:
    """``text`` as a CSV field a spreadsheet shows as written (an apostrophe in front of a formula start)."""
    return f"'{text}" if looks_like_formula(text) else text
