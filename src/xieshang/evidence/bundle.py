"""Evidence bundles: one zip a court, regulator or lawyer can check on their own machine.

Contents::

    files/001-<sha12>.<ext>    the evidence files, named by number and hash (never by the user's file name)
    ledger.jsonl               the ledger extract: the bundle's entries in full, every other entry as a stub
                               (seq and hashes only), so the whole chain can be checked without other cases
    manifest.json              format, version, created_at, ledger head, and per entry: number, seq, sha256, path
    证据目录.csv / .md / .html   the numbered evidence index (序号, 证据名称, 来源, 形成时间, 证明内容, 文件/页码)

:func:`verify_bundle` checks the chain, every file against its hash and the manifest's ledger head.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from xieshang.core import ledger
from xieshang.core.contacts import ContactEntry, label
from xieshang.core.errors import ValidationError
from xieshang.core.ledger import LedgerEntry, LedgerStub, Problem, VerifyReport

from .media import EXTENSIONS, KIND_LABELS
from .store import EvidenceStore, now_iso

FORMAT = "xieshang-evidence-bundle"
VERSION = 1
INDEX_HEADERS = ("序号", "证据名称", "来源", "形成时间", "证明内容", "文件/页码")
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


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
    entries: Iterable[LedgerEntry | LedgerStub], contacts: Iterable[ContactEntry]
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


def _member_path(number: int, entry: LedgerEntry) -> str:
    return f"files/{number:03d}-{entry.file_sha256[:12]}.{EXTENSIONS.get(entry.media_type, 'bin')}"


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
    writer.writerows(row.cells() for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel and WPS open it as UTF-8


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def index_markdown(rows: list[IndexRow], title: str, head_hash: str) -> bytes:
    lines = [f"# {title}", "", "| " + " | ".join(INDEX_HEADERS) + " |", "|" + "---|" * len(INDEX_HEADERS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row.cells()) + " |" for row in rows]
    lines += [
        "",
        f"账本链尾哈希 (ledger head)：`{head_hash}`",
        "",
        "核验：`xieshang evidence verify --bundle 本压缩包.zip`",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def index_html(rows: list[IndexRow], title: str, head_hash: str) -> bytes:
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in INDEX_HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row.cells()) + "</tr>\n" for row in rows)
    page = (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif}table{border-collapse:collapse}"
        "th,td{border:1px solid #444;padding:4px 8px;vertical-align:top}</style></head><body>\n"
        f"<h1>{esc(title)}</h1>\n<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"
        f"<p>账本链尾哈希 (ledger head)：<code>{esc(head_hash)}</code></p>\n"
        "<p>核验：<code>xieshang evidence verify --bundle 本压缩包.zip</code></p>\n</body></html>\n"
    )
    return page.encode("utf-8")


def export_bundle(
    store: EvidenceStore,
    *,
    case_id: str | None = None,
    seqs: Iterable[int] | None = None,
    notes: Mapping[int, EvidenceNote] | None = None,
    created_at: str | None = None,
    title: str = "证据目录",
) -> bytes:
    """The zip of the entries of ``case_id`` (and/or the ledger numbers ``seqs``; default: every entry)."""
    report = store.verify()
    if not report.ok:
        raise ValidationError(f"证据库未通过核验，不能导出：{report.summary()}", "evidence")
    entries = store.entries()
    wanted = set(seqs) if seqs is not None else None
    selected: list[tuple[LedgerEntry, str]] = []
    extract: list[LedgerEntry | LedgerStub] = []
    paths: dict[str, str] = {}
    for entry in entries:
        chosen = (
            isinstance(entry, LedgerEntry)
            and (case_id is None or entry.case_id == case_id)
            and (wanted is None or entry.seq in wanted)
        )
        if isinstance(entry, LedgerEntry) and chosen:
            path = paths.setdefault(entry.file_sha256, _member_path(len(selected) + 1, entry))
            selected.append((entry, path))
            extract.append(entry)
        else:
            extract.append(LedgerStub(entry.seq, entry.prev_hash, entry.entry_hash))
    if not selected:
        raise ValidationError(
            "没有符合条件的证据可导出 (no evidence matches)", "case_id" if case_id else "seqs"
        )
    created = created_at or now_iso()
    rows = index_rows(selected, notes or {})
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created,
        "case_id": case_id or "",
        "ledger_head": report.head_hash,
        "entries": [
            {
                "number": n,
                "seq": e.seq,
                "sha256": e.file_sha256,
                "size": e.size,
                "media_type": e.media_type,
                "path": p,
            }
            for n, (e, p) in enumerate(selected, start=1)
        ],
    }
    stamp = datetime.fromisoformat(created).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, method)

        put("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        ledger_lines = (
            json.dumps(ledger.entry_to_dict(e), ensure_ascii=False, sort_keys=True) for e in extract
        )
        put("ledger.jsonl", ("\n".join(ledger_lines) + "\n").encode("utf-8"))
        put("证据目录.csv", index_csv(rows))
        put("证据目录.md", index_markdown(rows, title, report.head_hash))
        put("证据目录.html", index_html(rows, title, report.head_hash))
        for entry, path in selected:
            if path not in archive.namelist():
                put(path, store.read(entry.file_sha256), zipfile.ZIP_STORED)  # media is compressed already
    return buffer.getvalue()


def _read_members(zip_bytes: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile:
        raise ValidationError("不是 zip 文件 (not a zip file)", "bundle") from None
    with archive:
        infos = archive.infolist()
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES or any(
            i.file_size > MAX_MEMBER_BYTES for i in infos
        ):
            raise ValidationError("压缩包内文件过大 (bundle too large)", "bundle")
        members: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                members[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError):  # a member's CRC or data no longer matches
                members[info.filename] = b""  # hashed as altered below; the zip itself is still readable
    return members


def verify_bundle(zip_bytes: bytes) -> VerifyReport:
    """Check a bundle on any machine: the chain, each file's hash, and the ledger head in the manifest.

    Raises ``ValidationError`` when ``zip_bytes`` is not a Xieshang evidence bundle at all (bad input);
    returns a report naming the first bad entry when it is one that has been changed.
    """
    members = _read_members(zip_bytes)
    if "manifest.json" not in members or "ledger.jsonl" not in members:
        raise ValidationError(
            "不是协商证据包：缺少 manifest.json 或 ledger.jsonl (not an evidence bundle)", "bundle"
        )
    try:
        manifest = json.loads(members["manifest.json"])
    except (json.JSONDecodeError, UnicodeDecodeError):
        return VerifyReport(0, (Problem(0, ledger.KIND_UNREADABLE, "manifest.json 无法读取"),))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError("不是协商证据包 (manifest format)", "bundle")
    entries: list[LedgerEntry | LedgerStub] = []
    try:
        for number, line in enumerate(members["ledger.jsonl"].decode("utf-8").splitlines(), start=1):
            if line.strip():
                entries.append(ledger.entry_from_dict(json.loads(line), f"ledger.jsonl:{number}"))
    except (ValidationError, json.JSONDecodeError, UnicodeDecodeError) as error:
        return VerifyReport(0, (Problem(0, ledger.KIND_UNREADABLE, f"账本无法读取：{error}"),))
    content_hashes = {hashlib.sha256(data).hexdigest(): name for name, data in members.items()}
    listed = manifest.get("entries")
    by_seq = {
        item.get("seq"): item.get("path")
        for item in (listed if isinstance(listed, list) else [])
        if isinstance(item, dict)
    }
    found: dict[str, str | None] = {}
    for entry in entries:
        if not isinstance(entry, LedgerEntry):
            continue
        if entry.file_sha256 in content_hashes:
            found[entry.file_sha256] = entry.file_sha256
        elif entry.file_sha256 not in found:
            path = by_seq.get(entry.seq)
            data = members.get(path) if isinstance(path, str) else None
            found[entry.file_sha256] = hashlib.sha256(data).hexdigest() if data is not None else None
    report = ledger.verify_chain(entries, found)
    if manifest.get("ledger_head") != report.head_hash:
        last = entries[-1].seq if entries else 0
        problem = Problem(last + 1, ledger.KIND_MISSING_ENTRY, "缺失：账本末尾的记录被删除（链尾与清单不符）")
        return VerifyReport(report.checked, (*report.problems, problem), report.head_hash)
    return report
