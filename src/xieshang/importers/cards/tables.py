"""A statement's transaction table: the header found by its column names, each later row's cells given the
role of their column — by position in HTML, by horizontal position in a PDF (where an empty cell simply is not
there, so a row may have fewer cells than the header)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .document import Document

Roles = Mapping[str, Sequence[str]]  # role (day, posted, text, amount, card …) → names its header may have


def _header(row: Sequence[str], roles: Roles) -> dict[str, int] | None:
    """The role of each header cell, when the row names at least three roles."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        flat = cell.replace(" ", "")
        for role, names in roles.items():
            if role not in found and any(flat.startswith(n) for n in names):
                found[role] = index
                break
    return found if len(found) >= 3 else None


def table_rows(
    doc: Document, roles: Roles, reach: float = 45
) -> Iterator[tuple[int, dict[str, str], tuple[str, ...]]]:
    """(row number, role → cell text, the row) for every row after a header (a statement repeats its header on
    each page; each new header re-aligns the columns). Rows before the first header are not given."""
    columns: dict[str, int] | None = None
    lefts: dict[str, float] = {}
    for r, row in enumerate(doc.rows):
        header = _header(row, roles)
        if header is not None:
            columns = header
            if doc.kind == "pdf" and r < len(doc.xs):
                lefts = {role: doc.xs[r][i] for role, i in header.items()}
            continue
        if columns is None:
            continue
        if doc.kind == "pdf" and lefts and r < len(doc.xs):
            cells: dict[str, str] = {}
            for x, text in zip(doc.xs[r], row, strict=False):
                role, distance = min(((k, abs(v - x)) for k, v in lefts.items()), key=lambda p: p[1])
                if distance <= reach or role == "text":
                    cells[role] = f"{cells[role]} {text}" if role in cells else text
            yield r + 1, cells, row
        else:
            yield r + 1, {role: row[i] for role, i in columns.items() if i < len(row)}, row
