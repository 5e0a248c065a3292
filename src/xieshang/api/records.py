"""What was recorded about a case besides its debts: the contact log, the evidence files (their ledger entries,
and each file as a download), and the negotiation documents (the kinds, the creditors they are written to, the
history, and each document generated as DOCX or PDF, as the documents page makes it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from xieshang.audit.models import Action
from xieshang.cases import core_messages, evidence
from xieshang.cases import routes as R
from xieshang.cases.models import Debt
from xieshang.cases.reading import read_case
from xieshang.core.bilingual import Text
from xieshang.core.contacts import timeline
from xieshang.core.errors import ValidationError
from xieshang.core.vocabulary import label
from xieshang.documents.render import DOCUMENTS
from xieshang.evidence.media import EXTENSIONS
from xieshang.paperwork import drafting
from xieshang.paperwork.models import GeneratedDocument
from xieshang.paperwork.views.materials import attachment
from xieshang.view.today import CHINA

from . import errors
from .debts import FAILED, checked_case
from .errors import Errors
from .routes import needs
from .schemas import ContactPage, DocumentsOut, EvidencePage, PageQuery, page_of

router = Router(tags=["records"])
A_FILE = {
    "responses": {
        "200": {
            "description": "the file / 文件",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _debt_numbers(request: HttpRequest) -> dict[str, int]:
    return dict(Debt.objects.filter(case=checked_case(request)).values_list("key", "pk"))


@router.get("/cases/{int:pk}/contacts/", response={200: ContactPage, **FAILED}, url_name="contact-list")
@needs(R.READ, Text("沟通记录（API）", "contact log (API)"))
def contact_list(request: HttpRequest, pk: int, query: Query[PageQuery]) -> Any:
    """The contact log, newest first."""
    view = read_case(checked_case(request), request).view
    lang, debts = get_language(), _debt_numbers(request)
    rows = [
        {
            "id": c.id,
            "debt_id": debts.get(c.debt_id),
            "when": c.when if c.when.tzinfo else c.when.replace(tzinfo=CHINA),  # the log's time is China's
            "channel": str(c.channel),
            "channel_label": label(c.channel).get(lang),
            "direction": str(c.direction),
            "direction_label": label(c.direction).get(lang),
            "creditor": c.creditor,
            "agency": c.agency,
            "connected": c.connected,
            "counterpart_name": c.counterpart_name,
            "summary": c.summary,
            "their_promises": c.their_promises,
            "our_promises": c.our_promises,
            "follow_up": c.follow_up,
            "attachments": list(c.attachments),
        }
        for c in reversed(timeline(view.case.contacts))
    ]
    return Status(200, page_of(rows, query))


@router.get("/cases/{int:pk}/evidence/", response={200: EvidencePage, **FAILED}, url_name="evidence-list")
@needs(R.READ, Text("证据库（API）", "evidence (API)"))
def evidence_list(request: HttpRequest, pk: int, query: Query[PageQuery]) -> Any:
    """The evidence files in force, in ledger order (a withdrawn file is not listed)."""
    case = checked_case(request)
    debts = _debt_numbers(request)
    rows = [
        {
            "seq": e.seq,
            "sha256": e.file_sha256,
            "size": e.size,
            "media_type": e.media_type,
            "recorded_at": e.recorded_at,
            "description": e.description,
            "name": e.name,
            "debt_id": debts.get(e.debt_id),
            "contact_id": e.contact_id,
            "download": request.build_absolute_uri(f"/api/v1/cases/{case.pk}/evidence/{e.file_sha256}/"),
        }
        for e in evidence.live_entries(case)
    ]
    return Status(200, page_of(rows, query))


@router.get(
    "/cases/{int:pk}/evidence/{sha256}/",
    response={404: Errors, 401: Errors},
    url_name="evidence-file",
    openapi_extra=A_FILE,
)
@needs(R.READ, Text("证据文件（API）", "an evidence file (API)"), export=True)
def evidence_file(request: HttpRequest, pk: int, sha256: str) -> Any:
    """One evidence file of this case, as stored (always a download)."""
    case = checked_case(request)
    entry = next((e for e in evidence.live_entries(case) if e.file_sha256 == sha256), None)
    if entry is None:
        return Status(
            404, {"errors": [errors.problem(_("这个案件没有这份证据文件。"), "path.sha256", _("文件指纹"))]}
        )
    try:
        data = evidence.store_of(case).read(sha256)
    except OSError:
        message = _("证据文件不见了：请在证据库页面运行“核验”。")
        return Status(404, {"errors": [errors.problem(message, "path.sha256", _("文件指纹"))]})
    name = f"evidence-{entry.seq:03d}-{sha256[:12]}.{EXTENSIONS.get(entry.media_type, 'bin')}"
    response = HttpResponse(data, content_type=entry.media_type)
    response["Content-Disposition"] = attachment(name)
    return response


@router.get("/cases/{int:pk}/documents/", response={200: DocumentsOut, **FAILED}, url_name="document-list")
@needs(R.READ, Text("协商文书（API）", "negotiation documents (API)"))
def document_list(request: HttpRequest, pk: int) -> Any:
    """The documents that can be generated, the creditors they can be written to, what is still missing, and the
    history of what was generated."""
    case = checked_case(request)
    ws = drafting.workspace(case, False, request)
    history = GeneratedDocument.objects.filter(case=case, package__isnull=True).order_by("-created_at", "-id")
    return Status(
        200,
        {
            "kinds": [
                {"name": k.name, "title": _(k.title), "per_creditor": k.per_creditor}
                for k in DOCUMENTS.values()
            ],
            "formats": list(drafting.FORMATS),
            "creditors": [{"value": value, "label": shown} for value, shown in ws.creditor_choices],
            "notes": [note.text for note in ws.notes],
            "history": [
                {
                    "document": d.document,
                    "title": _(d.title),
                    "creditor": d.creditor,
                    "format": d.format,
                    "filename": d.filename,
                    "sha256": d.sha256,
                    "size": d.size,
                    "created_at": d.created_at,
                }
                for d in history[:200]
            ],
        },
    )


class DocumentIn(Schema):
    creditor: str = Field("", max_length=200, description="one of the creditors' values; empty for all")
    show_id: bool = Field(False, description="include the full ID number (recorded in the audit log)")


@router.post(
    "/cases/{int:pk}/documents/{name}/{fmt}/",
    response={400: Errors, **FAILED},
    url_name="document-file",
    openapi_extra=A_FILE,
)
@needs(R.READ, Text("协商文书（API）", "a negotiation document (API)"), export=True)
def document_file(request: HttpRequest, pk: int, name: str, fmt: str, payload: DocumentIn) -> Any:
    """Generate one document (``fmt``: docx or pdf), as the documents page's download does; it is added to the
    case's history. Without ``show_id`` the ID number is masked."""
    case = checked_case(request)
    if name not in DOCUMENTS:
        return Status(404, {"errors": [errors.problem(_("没有这种文书。"), "path.name", _("文书"))]})
    if fmt not in drafting.FORMATS:
        return Status(404, {"errors": [errors.problem(_("没有这种文件格式。"), "path.fmt", _("文件格式"))]})
    if payload.show_id:
        R.log(request, Action.REVEAL, Text("文书中的完整身份证号", "full ID number in a document"), case)
    ws = drafting.workspace(case, payload.show_id, request)
    try:
        file = drafting.generate(ws, name, ws.creditor(payload.creditor), fmt)
    except ValidationError as error:
        return Status(400, {"errors": [_located(e.path, core_messages.message(e)) for e in error.errors]})
    response = HttpResponse(file.data, content_type=file.content_type)
    response["Content-Disposition"] = attachment(file.filename)
    return response


def _located(path: str, message: str) -> dict[str, str]:
    """A document's refusal: on the creditor when it names it (with the field's label), else the request."""
    if path == "creditor":
        field = _("债权人")
        return errors.problem(f"{field}{errors.colon()}{message}", "body.creditor", field)
    return errors.problem(message, "body")
