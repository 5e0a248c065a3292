"""What a forger would do to a ledger, for the tamper drills: change entries and recompute the chain so that
every link and every entry hash checks out again (only an anchor kept elsewhere can tell)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from xieshang.core.ledger import (
    GENESIS,
    Entry,
    LedgerEntry,
    LedgerStub,
    entry_from_dict,
    entry_to_dict,
    sealed,
)

FORGED = "伪造的截图 forged screenshot\n".encode()


def parse(text: bytes) -> list[Entry]:
    return [entry_from_dict(json.loads(line)) for line in text.decode().splitlines() if line.strip()]


def dump(entries: Sequence[Entry]) -> bytes:
    return "".join(
        json.dumps(entry_to_dict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in entries
    ).encode()


def rechain(entries: Sequence[Entry], renumber: bool = False) -> list[Entry]:
    """Every link and hash recomputed (and the seqs 1, 2, 3 … again when ``renumber``)."""
    out: list[Entry] = []
    prev = GENESIS
    for number, entry in enumerate(entries, start=1):
        assert isinstance(entry, LedgerEntry)
        fixed = sealed(replace(entry, prev_hash=prev, seq=number if renumber else entry.seq))
        out.append(fixed)
        prev = fixed.entry_hash
    return out


def stub(entries: Sequence[Entry], seq: int) -> list[Entry]:
    """The stub trick: entry ``seq`` keeps only its seq and hashes (its file is deleted by the caller)."""
    return [LedgerStub(e.seq, e.prev_hash, e.entry_hash) if e.seq == seq else e for e in entries]


def drop_last(entries: Sequence[Entry]) -> list[Entry]:
    return list(entries[:-1])


def backdate(entries: Sequence[Entry], seq: int) -> list[Entry]:
    """Entry ``seq`` moved a day earlier, the chain recomputed."""
    moved = [
        replace(e, recorded_at=(datetime.fromisoformat(e.recorded_at) - timedelta(days=1)).isoformat())
        if e.seq == seq
        else e
        for e in entries
        if isinstance(e, LedgerEntry)
    ]
    return rechain(moved)


def swap_file(entries: Sequence[Entry], seq: int, data: bytes = FORGED) -> list[Entry]:
    """Entry ``seq`` now names a forged file (the caller stores it), the chain recomputed."""
    sha = hashlib.sha256(data).hexdigest()
    swapped = [
        replace(e, file_sha256=sha, size=len(data), media_type="text/plain") if e.seq == seq else e
        for e in entries
        if isinstance(e, LedgerEntry)
    ]
    return rechain(swapped)


def renumber_without(entries: Sequence[Entry], seq: int) -> list[Entry]:
    """Entry ``seq`` deleted and the rest renumbered so there is no gap, the chain recomputed."""
    return rechain([e for e in entries if e.seq != seq], renumber=True)


DRILLS: dict[str, Callable[[Sequence[Entry]], list[Entry]]] = {
    "stub": lambda entries: stub(entries, 2),
    "drop_last": drop_last,
    "backdate": lambda entries: backdate(entries, 2),
    "swap_file": lambda entries: swap_file(entries, 2),
    "renumber": lambda entries: renumber_without(entries, 2),
}
