"""The negotiation documents of one stored case: what they can draw on, what is still missing (with where to
fill it in), rendering one document or one creditor's package, and recording each in the case history.

Every word and figure of a document is :mod:`xieshang.documents`' (``sources.gather`` → ``context.build_context``
→ ``render``); this module only reads the stored case into a core ``Case`` with its sections, lists the notes
and links for the page, and writes the history rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from hashlib import sha256
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xieshang.cases import core_messages, evidence
from xieshang.cases.convert import Loaded
from xieshang.cases.models import Case
from xieshang.cases.reading import read_case
from xieshang.cases.writes import locked
from xieshang.core.case import Case as CoreCase
from xieshang.core.errors import ValidationError
from xieshang.core.masking import Disclosure
from xieshang.documents.context import (
    DocumentInputs,
    EvidenceRow,
    build_context,
    creditor_debts,
    creditor_label,
    creditors,
)
from xieshang.documents.package import Package, build_package
from xieshang.documents.render import DOCUMENTS, DocumentKind, render_docx, render_html, render_pdf
from xieshang.documents.sources import gather
from xieshang.evidence.index import index_rows
from xieshang.view import CaseView

from .materials import ready_files
from .models import GeneratedDocument

FORMATS: dict[str, tuple[str, Callable[[str, dict[str, Any]], bytes]]] = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx),
    "pdf": ("application/pdf", render_pdf),
}
ZIP = "application/zip"
PACKAGE_TITLE = "协商材料包"  # stored in Chinese, translated when shown
# The documents' titles (documents.render.DOCUMENTS) as messages, so pages show them in the page's language.
TITLES = (
    gettext_noop("协商还款申请书"),
    gettext_noop("困难情况说明"),
    gettext_noop("个人财务状况说明"),
    gettext_noop("还款计划书"),
    gettext_noop("还款情况汇报"),
    gettext_noop("催收投诉书"),
    gettext_noop("征信异议申请"),
    gettext_noop("证据目录"),
    gettext_noop("协商材料包"),
)


@dataclass(frozen=True)
class Note:
    """Something a document cannot say yet, and where to fill it in (``url`` may be empty)."""

    text: str
    url: str = ""
    link: str = ""


def _url(name: str, case: Case) -> str:
    try:
        return reverse(name, args=[case.pk])
    except NoReverseMatch:  # the feature app that owns it is not installed
        return ""


def core_with_sections(case: Case) -> tuple[CoreCase, list[str]]:
    """The stored case as core's ``Case`` with every readable section; a section that cannot be read is left
    out and named."""
    loaded = read_case(case).loaded
    return loaded.core, _unreadable(loaded)


def _unreadable(loaded: Loaded) -> list[str]:
    """Each stored section that cannot be read, with its first problem in the page's language."""
    return [
        f"{name}: {errors[0].path} {core_messages.message(errors[0])}"
        for name, errors in loaded.problems.items()
        if errors
    ]


def evidence_rows(case: Case) -> tuple[EvidenceRow, ...]:
    """The 证据目录 from the case's evidence ledger: its files in force, in ledger order."""
    rows = index_rows([(entry, "证据库") for entry in evidence.live_entries(case)], {})
    return tuple(EvidenceRow(r.number, r.name, r.source, r.formed_at[:16], r.proves, r.file) for r in rows)


@dataclass(frozen=True)
class Workspace:
    case: Case
    view: CaseView
    inputs: DocumentInputs
    creditors: tuple[str, ...]
    notes: tuple[Note, ...]

    @property
    def core(self) -> CoreCase:
        return self.view.case

    @property
    def as_of(self) -> date:
        return self.view.as_of

    @property
    def creditor_choices(self) -> list[tuple[str, str]]:
        """Each creditor a letter may be written to: ``(value, name people read)``."""
        return [(c, creditor_label(self.view, c)) for c in self.creditors]

    def creditor(self, name: str | None) -> str | None:
        """A creditor of the case by its name (None stays None); a ValidationError otherwise."""
        if name is None or name == "":
            return None
        if name not in self.creditors:
            raise ValidationError(_("案件中没有这个债权人"), "creditor")
        return name

    def label(self, name: str | None) -> str:
        return creditor_label(self.view, name) if name else ""


def workspace(case: Case, show_id: bool = False, request: HttpRequest | None = None) -> Workspace:
    reading = read_case(case, request)
    view = reading.view
    gathered = gather(view, disclosure=Disclosure(show_id_number=show_id), evidence=evidence_rows(case))
    problems = _unreadable(reading.loaded)
    notes = _notes(case, view, gathered.inputs, gathered.notes, problems)
    return Workspace(case, view, gathered.inputs, tuple(creditors(view)), tuple(notes))


def _notes(
    case: Case, view: CaseView, inputs: DocumentInputs, gathered: tuple[str, ...], problems: list[str]
) -> list[Note]:
    """What the documents will print as not filled in, each with the page where it is filled in."""
    core = view.case
    materials_url = reverse("paperwork:materials", args=[case.pk])
    notes = [Note(_("案件文件的这一部分无法读取，文书中不包含它：%s") % p) for p in problems]
    for text in gathered:
        if text.startswith(
            "征信异议或执行情况"
        ):  # sources.gather: a dispute or note about no creditor of the case
            notes.append(Note(text, reverse("paperwork:disputes", args=[case.pk]), _("征信异议与执行情况")))
        else:
            notes.append(Note(text, _url("plans:builder", case), _("打开协商方案")))
    if not core.debts:
        notes.append(
            Note(_("案件还没有债务：文书中没有借款事实。"), _url("debt-create", case), _("添加债务"))
        )
    borrower = core.borrower
    if not (borrower.phone and borrower.address and borrower.id_number):
        notes.append(
            Note(
                _("借款人的身份证号、电话或地址未填写：文书中留出横线，需手写。"),
                _url("case-edit", case),
                _("编辑借款人信息"),
            )
        )
    materials = core.materials
    if not (materials.hardship.reasons or materials.hardship.description):
        notes.append(
            Note(
                _("尚未填写困难情况：申请书和困难情况说明中会写“尚未填写”。"),
                materials_url,
                _("填写困难情况"),
            )
        )
    checklist = view.checklist
    if checklist.missing_required:
        names = "、".join(e.item.name for e in checklist.missing_required)
        notes.append(Note(_("必备材料尚未备齐：%s。") % names, materials_url, _("准备材料")))
    if not view.proposals and not gathered:
        notes.append(
            Note(
                _("尚未保存拟提出的还款方案：申请书和还款计划书中没有方案和计划表。"),
                _url("plans:builder", case),
                _("打开协商方案"),
            )
        )
    if core.budget is None:
        notes.append(
            Note(
                _("尚未填写收支表：个人财务状况说明中没有收支情况。"),
                _url("budget:statement", case),
                _("填写收支表"),
            )
        )
    if not view.findings:
        notes.append(
            Note(
                _("沟通记录中没有违规催收的记录：催收投诉书中没有具体事实。"),
                _url("contacts:log", case),
                _("沟通记录"),
            )
        )
    if not inputs.evidence:
        notes.append(
            Note(
                _("证据库中还没有这个案件的证据：证据目录为空。"),
                _url("contacts:evidence", case),
                _("证据库"),
            )
        )
    disputes_url = reverse("paperwork:disputes", args=[case.pk])
    if not core.disputes:
        notes.append(
            Note(
                _("尚未填写征信异议事项：征信异议申请中会写“尚未填写”。信用报告没有错误时不需要这份文书。"),
                disputes_url,
                _("填写征信异议"),
            )
        )
    if not core.progress_notes and not inputs.progress:
        notes.append(
            Note(
                _("尚未填写还款协议执行情况：还款情况汇报中会写“尚未填写”。"),
                disputes_url,
                _("填写执行情况"),
            )
        )
    return notes


def context_for(ws: Workspace, kind: DocumentKind, creditor: str | None) -> dict[str, Any]:
    """The document's context: per-creditor documents need a creditor (the only one if there is just one)."""
    if not kind.per_creditor:
        return build_context(ws.inputs, None)
    if creditor is None:
        if len(ws.creditors) > 1:
            raise ValidationError(_("这份文书是写给一个债权人的，请选择债权人"), "creditor")
        creditor = ws.creditors[0] if ws.creditors else None
    return build_context(ws.inputs, creditor)


def preview(ws: Workspace, name: str, creditor: str | None) -> str:
    kind = DOCUMENTS[name]
    return render_html(name, {**context_for(ws, kind, creditor), "ledger": evidence.footer(ws.case)})


@dataclass(frozen=True)
class File:
    data: bytes
    filename: str
    content_type: str


def _record(
    ws: Workspace, document: str, title: str, creditor: str, fmt: str, filename: str, data: bytes
) -> GeneratedDocument:
    return GeneratedDocument.objects.create(
        case=ws.case,
        document=document,
        title=title,
        creditor=creditor,
        format=fmt,
        filename=filename,
        sha256=sha256(data).hexdigest(),
        size=len(data),
        shows_id_number=ws.inputs.disclosure.show_id_number,
    )


def generate(ws: Workspace, name: str, creditor: str | None, fmt: str) -> File:
    """One document as DOCX or PDF, recorded in the case history."""
    kind = DOCUMENTS[name]
    content_type, renderer = FORMATS[fmt]
    context = {**context_for(ws, kind, creditor), "ledger": evidence.footer(ws.case)}
    data = renderer(name, context)
    shown = ws.label(creditor) or context["creditor"]["name"] if kind.per_creditor else ""
    filename = f"{kind.title}{'-' + shown if shown else ''}-{ws.as_of.isoformat()}.{fmt}"
    with locked(ws.case.pk):  # the document history is a write of the case; rendering is done
        _record(ws, name, kind.title, shown, fmt, filename, data)
    return File(data, filename, content_type)


def package(ws: Workspace, creditor: str) -> File:
    """The creditor's negotiation package (letters as DOCX and PDF, copies of ready materials, cover index),
    recorded in the case history: the zip itself and every document in it."""
    built: Package = build_package(
        ws.inputs, creditor, material_files=ready_files(ws.case), ledger=evidence.footer(ws.case)
    )
    with locked(ws.case.pk):  # the document history is a write of the case; rendering is done
        zipped = _record(ws, "package", PACKAGE_TITLE, ws.label(creditor), "zip", built.filename, built.data)
        GeneratedDocument.objects.bulk_create(
            GeneratedDocument(
                case=ws.case,
                document=record.document,
                title=DOCUMENTS[record.document].title,
                creditor=record.creditor,
                format=record.format,
                filename=record.filename,
                sha256=record.sha256,
                size=None,
                shows_id_number=ws.inputs.disclosure.show_id_number,
                package=zipped,
            )
            for record in built.records
        )
    return File(built.data, built.filename, ZIP)


PROPOSAL_DOCUMENTS = ("application", "repayment_plan", "package")


def proposals_made(case: Case) -> dict[str, date]:
    """When a proposal letter (or a package holding one) was first made for each debt: the document history
    names the creditor as the letter did."""
    rows = GeneratedDocument.objects.filter(case=case, document__in=PROPOSAL_DOCUMENTS, package__isnull=True)
    made: dict[str, date] = {}
    for creditor, created in rows.values_list("creditor", "created_at"):
        made[creditor] = min(made.get(creditor, created.date()), created.date())
    if not made:
        return {}
    view = read_case(case).view
    found: dict[str, date] = {}
    for name in creditors(view):
        day = made.get(creditor_label(view, name))
        if day is not None:
            for debt in creditor_debts(view, name):
                found[debt.id] = day
    return found
