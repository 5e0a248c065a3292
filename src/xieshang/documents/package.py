"""The negotiation package: one zip per creditor, ready to e-mail or print.

Contents (names in Chinese, numbered so they sort in reading order)::

    00-材料清单.txt                     the cover index: every file with its SHA-256, and the materials still missing
    01-协商还款申请书.docx / .pdf        the letters, each editable (DOCX) and for print (PDF)
    …
    附件/01-身份证（正反面复印件）.jpg    copies of the materials marked ready (their bytes are given by the caller)

The zip is reproducible: the same inputs give the same bytes (entries dated with the package date). Each
generated document comes back as a :class:`GeneratedDocument` record (document, creditor, file, SHA-256) for the
case history.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from xieshang.core.bilingual import Text
from xieshang.core.chinese_dates import chinese_date
from xieshang.core.errors import ValidationError
from xieshang.core.materials import Status
from xieshang.core.vocabulary import label as vocabulary_label

from .context import DocumentInputs, build_context, creditor_debts, creditor_label, creditors
from .render import DOCUMENTS, PdfWriter, pdf_html, render_docx, render_pdf

FORMATS = ("docx", "pdf")
_RENDERERS: dict[str, Callable[[str, dict[str, Any]], bytes]] = {"docx": render_docx, "pdf": render_pdf}


@dataclass(frozen=True)
class GeneratedDocument:
    """One file made for the case history: which document, for whom, when, and its hash."""

    document: str
    creditor: str
    filename: str
    format: str
    sha256: str
    generated_on: date


@dataclass(frozen=True)
class Package:
    data: bytes
    filename: str
    records: tuple[GeneratedDocument, ...]
    sha256: str


def package_documents(inputs: DocumentInputs, context: Mapping[str, Any] | None = None) -> list[str]:
    """The letters a package holds: always the application, hardship statement, financial statement and plan;
    the progress report once there is progress to report (in ``inputs`` or in the creditor's ``context``); the
    evidence index when there is evidence."""
    names = ["application", "hardship", "financial_statement", "repayment_plan"]
    if inputs.progress or (context is not None and context["progress"]["given"]):
        names.append("progress_report")
    if inputs.evidence:
        names.append("evidence_index")
    return names


def safe_part(text: str, limit: int = 40) -> str:
    """A file-name part: no path separators, control or reserved characters."""
    cleaned = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "_", text).strip(" ._") or "file"
    return cleaned[:limit]


def _info(name: str, day: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
    # DOCX, PDF and images are compressed already: stored as they are, only the text index is deflated
    info.compress_type = zipfile.ZIP_DEFLATED if name.endswith(".txt") else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def build_package(
    inputs: DocumentInputs,
    creditor: str,
    material_files: Mapping[str, Sequence[tuple[str, bytes]]] | None = None,
    documents: Sequence[str] | None = None,
    formats: Sequence[str] = FORMATS,
    ledger: Mapping[str, Any] | None = None,
) -> Package:
    """The zip for one creditor (its name or one of its debt ids).

    ``material_files`` maps a materials item id to its files ``(original name, bytes)``; only items the checklist
    shows as ready are copied (all given items when no catalogue is known). ``ledger`` is the case's evidence
    ledger anchor (entry count and head hash) every document prints in its footer.
    """
    debts = creditor_debts(inputs.view, creditor)
    if not debts:
        known = "、".join(creditor_label(inputs.view, c) for c in creditors(inputs.view)) or "（无）"
        raise ValidationError(
            Text(
                f"案件中没有这个债权人（已有：{known}）", f"the case has no such creditor (it has: {known})"
            ),
            "creditor",
        )
    name = debts[0].creditor or debts[0].id
    shown = creditor_label(inputs.view, name)
    contexts = {True: build_context(inputs, name), False: build_context(inputs, None)}
    if ledger is not None:
        contexts = {k: {**c, "ledger": ledger} for k, c in contexts.items()}
    day = inputs.as_of
    files: list[tuple[str, bytes]] = []
    records: list[GeneratedDocument] = []
    chosen = list(documents or package_documents(inputs, contexts[True]))
    # the PDFs' stylesheet and fonts are set up once for the package, from the text of all its PDFs
    pages = (
        {doc: pdf_html(doc, contexts[DOCUMENTS[doc].per_creditor]) for doc in chosen}
        if "pdf" in formats
        else {}
    )
    writer = PdfWriter(pages.values()) if pages else None
    for number, doc in enumerate(chosen, start=1):
        kind = DOCUMENTS[doc]
        for fmt in formats:
            if fmt == "pdf" and writer is not None:
                data = writer.write(doc, pages[doc])
            else:
                data = _RENDERERS[fmt](doc, contexts[kind.per_creditor])
            filename = f"{number:02d}-{kind.title}.{fmt}"
            files.append((filename, data))
            records.append(
                GeneratedDocument(doc, shown, filename, fmt, hashlib.sha256(data).hexdigest(), day)
            )

    ready, missing = _materials(inputs, debts, material_files or {})
    for number, (label, original, data) in enumerate(ready, start=1):
        suffix = PurePosixPath(original).suffix.lower()
        suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ".bin"
        files.append((f"附件/{number:02d}-{safe_part(label)}{suffix}", data))

    files.insert(0, ("00-材料清单.txt", _cover(shown, inputs, files, missing).encode("utf-8")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for filename, data in files:
            archive.writestr(_info(filename, day), data)
    data = buffer.getvalue()
    zip_name = f"协商材料-{safe_part(shown)}-{day.isoformat()}.zip"
    return Package(data, zip_name, tuple(records), hashlib.sha256(data).hexdigest())


def _materials(
    inputs: DocumentInputs, debts: Sequence[Any], given: Mapping[str, Sequence[tuple[str, bytes]]]
) -> tuple[list[tuple[str, str, bytes]], list[str]]:
    """(label, original name, bytes) of ready materials in checklist order; names of required items missing."""
    checklist = inputs.view.checklist_for(debts)
    ready: list[tuple[str, str, bytes]] = []
    for entry in checklist.entries:
        if entry.status is Status.READY:
            files = given.get(entry.item.id, ())
            for index, (original, data) in enumerate(files, start=1):
                label = entry.item.name if len(files) == 1 else f"{entry.item.name}-{index}"
                ready.append((label, original, data))
    missing = [f"{e.item.name}（{vocabulary_label(e.status).zh}）" for e in checklist.missing_required]
    return ready, missing


def _cover(creditor: str, inputs: DocumentInputs, files: list[tuple[str, bytes]], missing: list[str]) -> str:
    lines = [
        f"协商材料清单 —— 致{creditor}",
        f"借款人：{inputs.case.borrower.name}",
        f"制作日期：{chinese_date(inputs.as_of)}",
        "",
        "文件（SHA-256 可用于核对文件未被改动）：",
    ]
    lines += [f"  {name}  {hashlib.sha256(data).hexdigest()}" for name, data in files]
    if missing:
        lines += ["", "尚缺的必备材料：", *(f"  {m}" for m in missing)]
    lines += [
        "",
        "文书中的“签字”处请打印后亲笔签名。",
        "本材料包由“协商 Xieshang”生成，仅供参考，不构成法律意见。",
        "",
    ]
    return "\n".join(lines).replace("\n", "\r\n")
