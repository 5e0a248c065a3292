"""Checking a ledger: every entry, every link, every file, and the head against anchors kept elsewhere.

A chain that checks out on its own can still have been rewritten from some entry on (hashes recomputed), or
cut short. So the head is compared with *anchors*: the entry count and head hash written down outside the
ledger file, in the database (in the same transaction as the rows that refer to the evidence), in each
bundle's manifest, and in the footer of every letter, report and complaint. :func:`check_head` compares the
current head exactly (the database, a bundle's manifest); :func:`check_pinned` checks that the ledger still
passes through a head written down earlier (a letter's footer: the ledger has grown since).

Pure: files are given by their hashes (``file_hashes``), computed by whoever can read them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .ledger import FILE, GENESIS, MIGRATION, REDACTION, Entry, LedgerEntry, LedgerStub, entry_hash

KIND_ALTERED_ENTRY = "altered_entry"
KIND_BROKEN_LINK = "broken_link"
KIND_MISSING_ENTRY = "missing_entry"
KIND_MISSING_FILE = "missing_file"
KIND_ALTERED_FILE = "altered_file"
KIND_UNREADABLE = "unreadable"
KIND_STUB = "stub"
KIND_BAD_REDACTION = "bad_redaction"
KIND_ANCHOR = "anchor"
KIND_UNCOMMITTED = "uncommitted"


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: ``seq`` is the first entry concerned (0: the ledger as a whole)."""

    seq: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"#{self.seq}: {self.message}" if self.seq else self.message


@dataclass(frozen=True)
class Anchor:
    """A ledger's entry count and head hash as written down in ``source`` (a database row, a manifest …)."""

    entries: int
    head: str
    source: str


@dataclass(frozen=True)
class VerifyReport:
    """The result of a check: ``ok`` when no problem was found; ``first`` is the earliest problem."""

    checked: int
    problems: tuple[Problem, ...] = ()
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def with_problems(self, more: Sequence[Problem]) -> VerifyReport:
        return VerifyReport(self.checked, (*self.problems, *more), self.head_hash)

    def summary(self) -> str:
        if self.ok:
            return f"完好：{self.checked} 条记录，哈希链与文件一致（链尾 {self.head_hash[:16]}…）"
        first = self.problems[0]
        where = f"第 {first.seq} 条记录 " if first.seq > 0 else ""
        more = f"（另有 {len(self.problems) - 1} 处问题）" if len(self.problems) > 1 else ""
        return f"已被改动：{where}{first.message}{more}"


def verify_chain(
    entries: Sequence[Entry], file_hashes: Mapping[str, str | None], stubs_allowed: Collection[int] = ()
) -> VerifyReport:
    """Check every entry, every link and every file; problems in ledger order.

    ``file_hashes`` maps each entry's ``file_sha256`` to the SHA-256 of the bytes actually found for it, or
    ``None`` when the file is missing (a file not in the mapping counts as missing). A file withdrawn by a
    later redaction entry may be missing. A stub (an entry whose content is withheld) is a problem unless its
    seq is in ``stubs_allowed`` (old bundles only).
    """
    problems: list[Problem] = []
    expected_seq, prev = 1, GENESIS
    files: dict[int, LedgerEntry] = {}
    withdrawn = {e.redacts for e in entries if isinstance(e, LedgerEntry) and e.kind == REDACTION}
    for entry in entries:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                gap = (
                    f"{expected_seq}" if entry.seq == expected_seq + 1 else f"{expected_seq}–{entry.seq - 1}"
                )
                problems.append(Problem(expected_seq, KIND_MISSING_ENTRY, f"缺失（第 {gap} 条被删除）"))
            else:
                problems.append(
                    Problem(entry.seq, KIND_MISSING_ENTRY, f"序号重复或倒序（应为 {expected_seq}）")
                )
        if isinstance(entry, LedgerStub):
            if entry.seq not in stubs_allowed:
                problems.append(
                    Problem(
                        entry.seq,
                        KIND_STUB,
                        "被换成了只剩序号和哈希的占位（内容被抹去）：删除证据只能追加一条删除记录",
                    )
                )
        elif entry_hash(entry) != entry.entry_hash:
            problems.append(Problem(entry.seq, KIND_ALTERED_ENTRY, "内容被改动（记录的哈希与内容不符）"))
        if entry.prev_hash != prev:
            problems.append(Problem(entry.seq, KIND_BROKEN_LINK, "链接断开（前一条记录被改动、删除或替换）"))
        if isinstance(entry, LedgerEntry):
            problems += _entry_problems(entry, files, withdrawn, file_hashes)
        expected_seq, prev = entry.seq + 1, entry.entry_hash
    return VerifyReport(checked=len(entries), problems=tuple(problems), head_hash=prev)


def _entry_problems(
    entry: LedgerEntry,
    files: dict[int, LedgerEntry],
    withdrawn: set[int],
    file_hashes: Mapping[str, str | None],
) -> list[Problem]:
    if entry.kind == REDACTION:
        target = files.get(entry.redacts)
        if target is None or target.file_sha256 != entry.file_sha256 or not entry.reason.strip():
            return [
                Problem(entry.seq, KIND_BAD_REDACTION, f"删除记录指向的第 {entry.redacts} 条不是这个文件")
            ]
        return []
    if entry.kind == MIGRATION:
        return []
    if entry.kind == FILE:
        files[entry.seq] = entry
    if entry.seq in withdrawn:
        return []  # withdrawn later: the file may be gone
    found = file_hashes.get(entry.file_sha256)
    if found is None:
        return [
            Problem(entry.seq, KIND_MISSING_FILE, f"文件缺失（{entry.file_sha256[:16]}…），也没有删除记录")
        ]
    if found != entry.file_sha256:
        return [Problem(entry.seq, KIND_ALTERED_FILE, f"文件被改动（{entry.file_sha256[:16]}…）")]
    return []


def _head_at(entries: Sequence[Entry], count: int) -> str | None:
    if count == 0:
        return GENESIS
    return entries[count - 1].entry_hash if 0 < count <= len(entries) else None


def check_head(entries: Sequence[Entry], anchor: Anchor) -> list[Problem]:
    """The ledger's current head against ``anchor`` (exactly: the database, a bundle's manifest)."""
    count = len(entries)
    head = _head_at(entries, count)
    if anchor.entries == count and anchor.head == head:
        return []
    written = f"{anchor.source}记录的是 {anchor.entries} 条、链尾 {anchor.head[:16]}…"
    if anchor.entries > count:
        return [
            Problem(
                count + 1,
                KIND_ANCHOR,
                f"缺失：账本只有 {count} 条，{written}（有记录被删除）",
            )
        ]
    if anchor.entries < count and _head_at(entries, anchor.entries) == anchor.head:
        return [
            Problem(
                anchor.entries + 1,
                KIND_UNCOMMITTED,
                f"从这条起的 {count - anchor.entries} 条不在锚点里（{written}）：写入中途被中断，或有人追加了记录",
            )
        ]
    return [
        Problem(
            min(anchor.entries, count) or 1,
            KIND_ANCHOR,
            f"与{anchor.source}的锚点不符：{written}，账本的链尾是 {(head or '')[:16]}…（账本被改写过）",
        )
    ]


def check_pinned(
    entries: Sequence[Entry], head: str, count: int | None = None, source: str = "锚点"
) -> list[Problem]:
    """Whether the ledger still passes through ``head`` (a full hash or its first 16+ hex digits), written down
    when it had ``count`` entries (a letter's footer); the ledger may have grown since."""
    head = head.strip().lower()
    at = [n for n in range(len(entries) + 1) if (_head_at(entries, n) or "").startswith(head)]
    if count is not None:
        at = [n for n in at if n == count]
    if at:
        return []
    said = f"（{count} 条时）" if count is not None else ""
    return [
        Problem(
            0,
            KIND_ANCHOR,
            f"{source} {head[:16]}…{said}不在账本中：记下它之后，账本里当时已有的记录被改动过（或它属于另一个案件）",
        )
    ]
