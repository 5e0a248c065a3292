"""The numbered evidence index (证据目录) of a bundle or a document: one row per evidence file in force.

Columns: 序号, 证据名称, 来源, 形成时间, 证明内容, 文件/页码. A file recorded with a logged contact takes its
source, time and what it proves from that contact. The CSV writes every cell as text (a cell starting like a
formula gets an apostrophe: see :mod:`xieshang.core.formulas`).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from xieshang.core.contacts import ContactEntry, label
from xieshang.core.formulas import csv_field
from xieshang.core.ledger import LedgerEntry

from .media import KIND_LABELS

INDEX_HEADERS = ("序号", "证据名称", "来源", "形成时间", "证明内容", "文件/页码")


@dataclass(frozen=True)
class EvidenceNote:
    """What the caller knows about an entry beyond the ledger (from the contact log): fills the index."""

    name: str = ""
    source: str = ""
    formed_at: str = ""
    proves: str = ""


@dataclass(frozen=True)
class IndexRow:
    """One line of the 证据目录."""

    number: int
    name: str
    source: str
    formed_at: str
    proves: str
    file: str

    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.name, self.source, self.formed_at, self.proves, self.file)


def notes_from_contacts(
    entries: Iterable[LedgerEntry], contacts: Iterable[ContactEntry]
) -> dict[int, EvidenceNote]:
    """Index details for entries attached to a logged contact: formed when the contact happened, from whom."""
    by_id = {c.id: c for c in contacts}
    by_hash: dict[str, ContactEntry] = {}
    for contact in by_id.values():
        for digest in contact.attachments:
            by_hash.setdefault(digest, contact)
    notes = {}
    for entry in entries:
        if not isinstance(entry, LedgerEntry):
            continue
        contact = by_id.get(entry.contact_id) or by_hash.get(entry.file_sha256)
        if contact is None:
            continue
        who = " ".join(x for x in (contact.counterpart_name, contact.staff_id, contact.number) if x)
        source = f"{contact.institution} {label(contact.channel)}（{label(contact.direction)}{'，' + who if who else ''}）"
        notes[entry.seq] = EvidenceNote(
            source=f"{_kind_label(entry.media_type)}：{source}",
            formed_at=contact.when.isoformat(sep=" ", timespec="minutes"),
            proves=contact.summary or entry.description,
        )
    return notes


def _kind_label(media_type: str) -> str:
    return KIND_LABELS.get(media_type) or KIND_LABELS.get(media_type.split("/")[0], "文件")


def index_rows(
    selected: Iterable[tuple[LedgerEntry, str]], notes: Mapping[int, EvidenceNote]
) -> list[IndexRow]:
    """Rows of the index for ``(entry, path in the zip)`` pairs, numbered from 1 in ledger order."""
    rows = []
    for number, (entry, path) in enumerate(selected, start=1):
        note = notes.get(entry.seq, EvidenceNote())
        label = _kind_label(entry.media_type)
        source = note.source or (f"{label}（原文件名 {entry.name}）" if entry.name else label)
        rows.append(
            IndexRow(
                number=number,
                name=note.name or entry.description or entry.name or label,
                source=source,
                formed_at=note.formed_at or entry.recorded_at.replace("T", " "),
                proves=note.proves or entry.description,
                file=f"{path}（账本第 {entry.seq} 条，SHA-256 {entry.file_sha256[:16]}…）",
            )
        )
    return rows


def index_csv(rows: list[IndexRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(INDEX_HEADERS)
    writer.writerows([csv_field(cell) for cell in row.cells()] for row in rows)  # never a live formula
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel and WPS open it as UTF-8


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def index_markdown(rows: list[IndexRow], title: str, head_hash: str, entries: int) -> bytes:
    lines = [f"# {title}", "", "| " + " | ".join(INDEX_HEADERS) + " |", "|" + "---|" * len(INDEX_HEADERS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row.cells()) + " |" for row in rows]
    lines += [
        "",
        f"证据账本 (evidence ledger)：{entries} 条记录，链尾哈希 (head) `{head_hash}`",
        "",
        "核验：`xieshang evidence verify --bundle 本压缩包.zip`",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def index_html(rows: list[IndexRow], title: str, head_hash: str, entries: int) -> bytes:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in INDEX_HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row.cells()) + "</tr>\n" for row in rows)
    page = (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif}table{border-collapse:collapse}"
        "th,td{border:1px solid #444;padding:4px 8px;vertical-align:top}</style></head><body>\n"
        f"<h1>{esc(title)}</h1>\n<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"
        f"<p>证据账本 (evidence ledger)：{entries} 条记录，链尾哈希 (head) <code>{esc(head_hash)}</code></p>\n"
        "<p>核验：<code>xieshang evidence verify --bundle 本压缩包.zip</code></p>\n</body></html>\n"
    )
    return page.encode("utf-8")
