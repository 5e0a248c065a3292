"""Render the eight negotiation documents: DOCX (docxtpl), PDF (WeasyPrint) and HTML for the browser preview.

The templates live in ``templates/`` (generated once by ``build_templates.py``, then editable). A context is
the dict of :func:`xieshang.documents.context.build_context`; both engines autoescape, so user text is
printed literally whatever it contains.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from xieshang.core.errors import ValidationError

from .fonts import font_faces, with_faces


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title: str
    per_creditor: bool  # written to one creditor (the package holds one per creditor)


DOCUMENTS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind("application", "协商还款申请书", True),
        DocumentKind("hardship", "困难情况说明", True),
        DocumentKind("financial_statement", "个人财务状况说明", False),
        DocumentKind("repayment_plan", "还款计划书", True),
        DocumentKind("progress_report", "还款情况汇报", True),
        DocumentKind("collection_complaint", "催收投诉书", True),
        DocumentKind("credit_dispute", "征信异议申请", True),
        DocumentKind("evidence_index", "证据目录", False),
    )
}


def document(name: str) -> DocumentKind:
    """The document called ``name``; a ValidationError listing the choices otherwise."""
    try:
        return DOCUMENTS[name]
    except KeyError:
        choices = ", ".join(DOCUMENTS)
        raise ValidationError(f"没有这种文书 {name!r}（可选：{choices}）", "document") from None


def _template_bytes(filename: str) -> bytes:
    return resources.files("xieshang.documents").joinpath("templates", filename).read_bytes()


@cache
def _docx_template(name: str) -> bytes:
    return _template_bytes(f"{name}.docx")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("xieshang.documents", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css() -> str:
    return _template_bytes("pdf.css").decode("utf-8")


def render_docx(name: str, context: dict[str, Any]) -> bytes:
    """The document as an editable .docx."""
    template = DocxTemplate(io.BytesIO(_docx_template(document(name).name)))
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same .docx with every zip entry dated 1980-01-01, so the same inputs give the same bytes (and the
    same SHA-256 in the case history) whatever the second it was rendered in."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render_html(name: str, context: dict[str, Any]) -> str:
    """The document as a standalone HTML page (its stylesheet inline): the browser preview."""
    return _html(name, context, _css())


def _html(name: str, context: dict[str, Any], css: str) -> str:
    template = _environment().get_template(f"{document(name).name}.html")
    return template.render({**context, "css": jinja2.filters.Markup(css)})


def render_pdf(name: str, context: dict[str, Any]) -> bytes:
    """The document as a PDF with the Noto CJK font embedded (for several, :class:`PdfWriter` sets up once)."""
    html = pdf_html(name, context)
    return PdfWriter([html]).write(name, html)


def pdf_html(name: str, context: dict[str, Any]) -> str:
    """The HTML a PDF is made from: the preview's, its stylesheet given to WeasyPrint apart (``PdfWriter``)."""
    return _html(name, context, "")


class PdfWriter:
    """WeasyPrint set up once for a set of PDFs: the stylesheet parsed and the CJK fonts cut down to the characters
    of ``texts`` (``fonts.py``) one time, not once a PDF. ``texts`` must hold what the PDFs will show
    (their :func:`pdf_html`); a character outside them is still drawn, from the system font."""

    def __init__(self, texts: Iterable[str]) -> None:
        from weasyprint import CSS  # imported late: it loads fonts and takes a moment
        from weasyprint.text.fonts import FontConfiguration

        css = _css()
        self.font_config = FontConfiguration()
        # the faces are read into the font configuration as the rules are parsed: the folder can go right after
        with tempfile.TemporaryDirectory(prefix="xieshang-fonts-") as folder:
            rules = font_faces([css, *texts], Path(folder))
            self.stylesheet = CSS(
                string=f"{rules}\n{with_faces(css)}" if rules else css, font_config=self.font_config
            )

    def write(self, name: str, html: str) -> bytes:
        """The PDF of document ``name`` from its ``html`` (:func:`pdf_html`)."""
        from weasyprint import HTML

        pdf = HTML(string=html).write_pdf(
            stylesheets=[self.stylesheet],
            font_config=self.font_config,
            custom_metadata=False,
            pdf_identifier=document(name).name.encode("ascii"),
        )
        assert pdf is not None
        return bytes(pdf)
