"""A card statement as rows of text cells, whatever it came as: the e-mail a person saved (.eml), the HTML
inside it, or a text PDF.

- An .eml is read with the standard library: the HTML part (or the plain text), decoded from base64 or
  quoted-printable in its declared charset (GBK, GB2312, UTF-8 …), and any PDF attached to it.
- HTML is flattened by table rows: each ``<tr>`` is a row of cell texts; text outside tables gives one-cell rows;
  ``<style>``/``<script>`` are dropped.
- A PDF is read with pdfplumber: words grouped into lines by position, a line split into cells where the gap
  between words is wide; each cell keeps its horizontal position, so a value can be found under its label.

Everything that cannot be read (a password on the PDF, a scanned image, damaged bytes) is a
:class:`~xieshang.importers.errors.BillImportError` that says so.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser

from ..errors import BillImportError

_HEADER_RE = re.compile(
    rb"^(?:Received|From|To|Subject|Date|Return-Path|MIME-Version|Content-Type|Message-ID|X-[\w-]+|Delivered-To):",
    re.IGNORECASE | re.MULTILINE,
)
_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|table|body|meta)\b", re.IGNORECASE)
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "section", "span"}
)
_SKIP = frozenset({"style", "script", "head", "title"})
MAX_ROWS = 20000  # a statement has a few hundred rows; more is not a statement


@dataclass(frozen=True)
class Document:
    """The statement's rows of cells, in reading order; ``xs`` holds each cell's left edge (PDF only)."""

    kind: str  # "eml", "html" or "pdf"
    rows: tuple[tuple[str, ...], ...]
    xs: tuple[tuple[float, ...], ...] = ()
    subject: str = ""
    sender: str = ""
    attachments: tuple[Document, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(cell for cell in row if cell) for row in self.rows)

    @property
    def cells(self) -> list[str]:
        """Every non-empty cell in reading order."""
        return [cell for row in self.rows for cell in row if cell]


def is_eml(data: bytes) -> bool:
    head = data[:4096]
    return len(_HEADER_RE.findall(head)) >= 2 and (b"\n\n" in data or b"\r\n\r\n" in data)


def is_html(data: bytes) -> bool:
    return _HTML_RE.search(data[:8192]) is not None


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def clean(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").replace("\xa0", " ").split())


class _Flattener(HTMLParser):
    """Table rows keep their empty cells (a column can be empty in one row and not in the next); text outside
    tables gives one-cell rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, ...]] = []
        self.skip = 0
        self.stack: list[list[str]] = []  # open table rows: their cells so far
        self.text: list[str] = []  # text of the cell (or the line) being read
        self.in_cell = False

    def _flush(self, end_of_cell: bool = False) -> None:
        text = clean("".join(self.text))
        self.text = []
        if self.stack and (end_of_cell or text):
            self.stack[-1].append(text)
        elif text:
            self._emit((text,))

    def _emit(self, row: tuple[str, ...]) -> None:
        if not any(row):
            return
        if len(self.rows) >= MAX_ROWS:
            raise BillImportError("这个网页太大，不像一份信用卡账单")
        self.rows.append(row)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            if self.stack and any(self.stack[-1]):  # a table inside a cell: the outer row so far is a row
                self._emit(tuple(self.stack[-1]))
                self.stack[-1] = []
            self.stack.append([])
            self.in_cell = False
        elif tag in ("td", "th"):
            if self.in_cell:
                self._flush(end_of_cell=True)
            self.text, self.in_cell = [], True
        elif tag in _BLOCKS and "".join(self.text).strip():
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "tr":
            if self.in_cell:
                self._flush(end_of_cell=True)
            self.in_cell = False
            if self.stack:
                self._emit(tuple(self.stack.pop()))
        elif tag in ("td", "th"):
            if self.in_cell:
                self._flush(end_of_cell=True)
            self.in_cell = False
        elif tag in _BLOCKS and not self.stack:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        while self.stack:
            self._emit(tuple(self.stack.pop()))


def decode_html(data: bytes, declared: str = "") -> str:
    """HTML bytes as text: the declared charset, else the ``<meta charset>``, else UTF-8, else GB18030."""
    meta = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    names = [declared, meta.group(1).decode("ascii", "ignore") if meta else "", "utf-8", "gb18030"]
    for name in (n for n in names if n):
        try:
            return data.decode(_charset(name))
        except (UnicodeDecodeError, LookupError):
            continue
    raise BillImportError("网页的编码无法识别（既不是 UTF-8 也不是 GBK），文件可能已损坏")


def _charset(name: str) -> str:
    """GB2312 and GBK mail is routinely written in GB18030's wider range; read it as such."""
    return "gb18030" if name.lower().replace("-", "") in ("gb2312", "gbk", "gb18030", "cp936") else name


def read_html(text: str, kind: str = "html", subject: str = "", sender: str = "") -> Document:
    parser = _Flattener()
    parser.feed(text)
    parser.close()
    return Document(kind, tuple(parser.rows), subject=subject, sender=sender)


def read_eml(data: bytes) -> Document:
    """The statement in a saved e-mail: its HTML (or plain text) part, and any PDF attached."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as error:  # the email package raises several types on damaged mail
        raise BillImportError(f"邮件文件已损坏，无法读取（{type(error).__name__}）") from None
    subject = clean(str(message.get("Subject", "") or ""))
    sender = clean(str(message.get("From", "") or ""))
    html_text, plain_text, pdfs = "", "", []
    for part in message.walk() if isinstance(message, EmailMessage) else ():
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        try:
            payload = part.get_payload(decode=True) or b""
        except Exception:
            raise BillImportError("邮件里的内容无法解码（base64 或 quoted-printable 已损坏）") from None
        if kind == "application/pdf" or (part.get_filename() or "").lower().endswith(".pdf"):
            pdfs.append(read_pdf(payload))
        elif kind == "text/html" and not html_text:
            html_text = decode_html(payload, part.get_content_charset() or "")
        elif kind == "text/plain" and not plain_text:
            plain_text = decode_html(payload, part.get_content_charset() or "")
    if html_text:
        found = read_html(html_text, "eml", subject, sender)
    elif plain_text:
        rows = tuple((line,) for line in (clean(x) for x in plain_text.splitlines()) if line)
        found = Document("eml", rows, subject=subject, sender=sender)
    elif pdfs:
        found = Document("eml", (), subject=subject, sender=sender)
    else:
        raise BillImportError("邮件里没有账单内容（既没有网页正文，也没有 PDF 附件）")
    return Document(found.kind, found.rows, (), subject, sender, tuple(pdfs))


def read_pdf(data: bytes) -> Document:
    """A text PDF's lines, cut into cells where words stand apart."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    rows: list[tuple[str, ...]] = []
    xs: list[tuple[float, ...]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > 60:
                raise BillImportError("PDF 有 60 多页，不像一份信用卡账单")
            for page in pdf.pages:
                for line in _lines(page.extract_words(x_tolerance=1.5, y_tolerance=2)):
                    rows.append(tuple(text for _x, text in line))
                    xs.append(tuple(x for x, _text in line))
    except BillImportError:
        raise
    except Exception as error:  # pdfminer raises many types on damaged files (pdfplumber wraps some)
        causes = (error, error.__cause__, error.__context__, *error.args)
        if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
            raise BillImportError(
                "PDF 有密码：请用银行告知的密码打开后另存一份没有密码的 PDF，再导入"
            ) from None
        raise BillImportError(f"PDF 文件已损坏或不完整，无法读取（{type(error).__name__}）") from None
    if not rows:
        raise BillImportError(
            "这个 PDF 里没有文字（可能是扫描件或图片），无法读取；请导入银行发来的电子账单原件"
        )
    return Document("pdf", tuple(rows), tuple(xs))


def _lines(words: list[dict[str, object]]) -> list[list[tuple[float, str]]]:
    """Words on the same line (tops within 2.5 points), left to right, merged into cells where they touch."""
    lines: list[list[dict[str, object]]] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"]), 0), float(w["x0"]))):  # type: ignore[arg-type]
        if lines and abs(float(lines[-1][0]["top"]) - float(word["top"])) <= 2.5:  # type: ignore[arg-type]
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        cells: list[tuple[float, str]] = []
        end = -1e9
        for word in line:
            x0, x1, text = float(word["x0"]), float(word["x1"]), str(word["text"])  # type: ignore[arg-type]
            height = float(word["bottom"]) - float(word["top"])  # type: ignore[arg-type]
            if cells and x0 - end <= max(height * 0.9, 4.0):
                cells[-1] = (cells[-1][0], f"{cells[-1][1]} {text}")
            else:
                cells.append((x0, text))
            end = x1
        out.append(cells)
    return out


def read_document(data: bytes) -> Document:
    """Whatever the statement came as."""
    if is_pdf(data):
        return read_pdf(data)
    if is_eml(data):
        return read_eml(data)
    if is_html(data):
        return read_html(decode_html(data))
    raise BillImportError("不是信用卡电子账单（应为邮件 .eml、网页 .html 或 PDF）")
