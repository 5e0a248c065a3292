"""A CSV bill read as lines: each line split on its commas where that is what the ``csv`` module would read of
it, and read by the ``csv`` module where not (a line with a quote, which may run over several lines, or one
longer than a cell may be).

A line without a quote is, to the ``csv`` module (its default dialect, lines as ``newline=""`` gives them), its
cells between the commas and nothing else; a NUL anywhere (which the ``csv`` module refuses) sends the whole file
to :func:`~.text.iter_csv`. The rows, their numbers, and where a bad byte or a malformed line is reported are
those of :func:`~.text.iter_csv` (``tests/importers/test_lines.py``), at a third of its cost: a million-row
export is split in the time ``csv`` takes to read it, its cells stripped included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .text import FIELD_LIMIT, malformed, sniff_encoding, undecodable

ENDS = ("\n", "\r\n", "\r")  # a line that is only its end: the csv module reads no cell of it


class Lines:
    """The lines of ``data`` as they are decoded, and the rows that :func:`~.text.iter_csv` reads of them.

    ``stream`` gives the lines; a reader that splits a line itself hands the lines it cannot to
    :meth:`record`. ``extra`` counts the lines a quoted cell carried on beyond the line it began on, so that a
    line's position in the file is its row number plus ``extra`` (as ``csv``'s ``line_num``)."""

    def __init__(self, data: bytes) -> None:
        self.encoding = sniff_encoding(data)
        self.stream = io.TextIOWrapper(io.BytesIO(data), encoding=self.encoding, newline="")
        self.extra = 0
        self.number = 0  # the last row read by ``rows``
        self._pending: list[str] = []
        self._csv = csv.reader(self._feed())

    def _feed(self) -> Iterator[str]:
        """The lines the csv module reads: the one handed to :meth:`record`, then what a quoted cell spans."""
        pending, stream = self._pending, self.stream
        while True:
            if pending:
                yield pending.pop()
                continue
            line = next(stream, "")
            if not line:
                return
            self.extra += 1
            yield line

    def record(self, line: str) -> list[str]:
        """The row :func:`~.text.iter_csv` reads from ``line`` (and the lines after it its quotes span), cells
        stripped. Raises ``csv.Error`` and ``UnicodeDecodeError`` as the csv module does (see :meth:`error`)."""
        if '"' in line or len(line) > FIELD_LIMIT:
            self._pending.append(line)
            return list(map(str.strip, next(self._csv)))
        if line in ENDS:
            return []
        return list(map(str.strip, line.split(",")))

    def error(self, error: Exception, number: int) -> Exception:
        """The error :func:`~.text.iter_csv` gives where reading the row after ``number`` (or, for a malformed
        line, the row ``number`` itself) raised ``error``; any other error as it is."""
        if isinstance(error, UnicodeDecodeError):
            return undecodable(self.encoding, number + self.extra + 1)
        if isinstance(error, csv.Error):
            return malformed(error, number + self.extra)
        return error

    def rows(self, start: int = 1) -> Iterator[list[str]]:
        """The rows from the next line on, numbered from ``start`` (``number`` is the last one read), as
        :func:`~.text.iter_csv` reads them."""
        self.number = start - 1
        try:
            for number, line in enumerate(self.stream, start):
                self.number = number
                yield self.record(line)
        except (UnicodeDecodeError, csv.Error) as error:
            raise self.error(error, self.number) from None
