"""The importers' one error type: a file that cannot be read, with a message naming the problem."""

from __future__ import annotations

from xieshang.core.errors import XieshangError


class BillImportError(XieshangError):
    """A bill file that cannot be imported. Nothing from the file is kept.

    The message is Chinese first and names the problem (and the row where there is one).
    """

    def __init__(self, message: str, row: int | None = None, filename: str = "") -> None:
        self.row = row
        self.filename = filename
        where = f"第 {row} 行：" if row is not None else ""
        prefix = f"{filename}：" if filename else ""
        super().__init__(f"{prefix}{where}{message}")
        self.message = message
