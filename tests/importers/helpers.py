"""Shared by the importer tests: where the samples are, and the fuzz property every parser must keep."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xieshang.importers.errors import BillImportError

BILLS = Path(__file__).resolve().parent.parent / "fixtures" / "bills"


def sample(relative: str) -> bytes:
    return (BILLS / relative).read_bytes()


def mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """A sample file cut short, with bytes flipped, lines dropped or duplicated."""
    size = len(data)
    cut = st.integers(0, size).map(lambda n: data[:n])
    flip = st.tuples(st.integers(0, max(size - 1, 0)), st.integers(0, 255)).map(
        lambda p: data[: p[0]] + bytes([p[1]]) + data[p[0] + 1 :]
    )
    lines = data.split(b"\n")
    drop = st.integers(0, len(lines) - 1).map(lambda i: b"\n".join(lines[:i] + lines[i + 1 :]))
    splice = st.tuples(st.integers(0, size), st.binary(max_size=40)).map(
        lambda p: data[: p[0]] + p[1] + data[p[0] :]
    )
    return st.one_of(cut, flip, drop, splice)


def fuzz(parser: Callable[[bytes], object], data: bytes) -> Callable[[], None]:
    """A test: the parser on random and mutated bytes raises nothing but :class:`BillImportError`."""

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(st.binary(max_size=300), mutations(data)))
    def run(blob: bytes) -> None:
        try:
            parser(blob)
        except BillImportError:
            pass

    return run
