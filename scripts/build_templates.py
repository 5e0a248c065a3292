"""Generate the document templates: ``.venv/bin/python scripts/build_templates.py`` (a developer's tool, not
installed with the package; it needs python-docx from the ``test`` extra).

Each of the eight documents is described here once, as a list of blocks; this script writes it both as a
docxtpl template (``templates/<name>.docx``, editable in Word or WPS) and as an HTML template
(``templates/<name>.html``, rendered by WeasyPrint and shown as the browser preview). The generated files are
committed; after that, people may edit the .docx files directly (keep the ``{{ … }}`` and ``{%p … %}`` tags).

Blocks:
    ("h", text)                               a section heading
    ("p", text)                               a body paragraph, first line indented
    ("plain", text)                           a paragraph without indent (addressee lines, fields)
    ("each", "x in xs", text)                 one paragraph per item
    ("if", condition, [blocks], [else])       blocks shown only when the condition holds
    ("table", "x in xs", [(header, cell)], footer cells or None)
    ("sign", role)                            signature and date lines, right-aligned
Every document begins with its title and ends with the note that it is reference, not legal advice.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "xieshang" / "documents" / "templates"
NOTE = "{{ note }}"
LEDGER_ANCHOR = (
    "{% if ledger is defined and ledger %}证据账本：{{ ledger.entries }} 条记录，链尾哈希 {{ ledger.head }}"
    "（核验：xieshang evidence verify --anchor 链尾哈希）{% endif %}"
)

Block = tuple[Any, ...]

PERSON = [
    ("plain", "姓名：{{ borrower.name }}　　身份证号：{{ borrower.id_number }}"),
    ("plain", "联系电话：{{ borrower.phone }}　　电子邮箱：{{ borrower.email }}"),
    ("plain", "联系地址：{{ borrower.address }}"),
]
DEBT_TABLE: Block = (
    "table",
    "d in debts",
    [
        ("序号", "{{ d.number }}"),
        ("借款日期", "{{ d.start_date }}"),
        ("合同本金（元）", "{{ d.principal }}"),
        ("实际到账（元）", "{{ d.received }}"),
        ("期限", "{{ d.term }}"),
        ("还款方式", "{{ d.method }}"),
        ("合同利率", "{{ d.rate }}"),
        ("综合年化成本", "{{ d.apr }}"),
    ],
    ["合计", "", "{{ totals.principal }}", "{{ totals.received }}", "", "", "", ""],
)
ALL_DEBTS_TABLE: Block = (
    "table",
    "d in debts",
    [
        ("债权人", "{{ d.creditor }}"),
        ("借款日期", "{{ d.start_date }}"),
        ("合同本金（元）", "{{ d.principal }}"),
        ("实际到账（元）", "{{ d.received }}"),
        ("期限", "{{ d.term }}"),
        ("还款方式", "{{ d.method }}"),
        ("综合年化成本", "{{ d.apr }}"),
    ],
    ["合计", "", "{{ totals.principal }}", "{{ totals.received }}", "", "", ""],
)
HARDSHIP_TEXT: list[Block] = [
    ("plain", "困难原因：{{ hardship.reasons }}"),
    ("if", "hardship.since", [("plain", "困难开始时间：{{ hardship.since }}")], []),
    ("each", "line in hardship.paragraphs", "{{ line }}"),
]
MISSING = ("p", "{{ missing }}")

DOCUMENTS: dict[str, tuple[str, list[Block]]] = {
    "application": (
        "协商还款申请书",
        [
            ("plain", "致：{{ creditor.name }}"),
            ("h", "一、申请人基本情况"),
            *PERSON,
            ("h", "二、借款情况"),
            (
                "p",
                "截至{{ doc.as_of }}，申请人在贵方共有借款{{ totals.count }}笔，合同本金合计人民币{{ totals.principal }}元"
                "（大写：{{ totals.principal_capitals }}），明细如下：",
            ),
            DEBT_TABLE,
            ("if", "overdue", [("each", "line in overdue", "{{ line }}")], []),
            ("h", "三、困难情况"),
            ("if", "hardship.given", HARDSHIP_TEXT, [("p", "{{ hardship.missing }}")]),
            ("h", "四、还款方案"),
            (
                "if",
                "plan.given",
                [("each", "line in plan.paragraphs", "{{ line }}")],
                [("p", "{{ plan.missing }}")],
            ),
            ("h", "五、申请事项"),
            ("each", "line in requests", "{{ line }}"),
            ("p", "申请人承诺以上所述情况属实，愿意在能力范围内积极履行还款义务。恳请贵方予以理解和支持。"),
            ("h", "附件"),
            (
                "if",
                "attachments",
                [("each", "line in attachments", "{{ line }}")],
                [("p", "{{ attachments_missing }}")],
            ),
            ("sign", "申请人"),
        ],
    ),
    "hardship": (
        "困难情况说明",
        [
            ("plain", "致：{{ creditor.name }}"),
            (
                "p",
                "本人{{ borrower.name }}（身份证号：{{ borrower.id_number }}），现将本人目前的经济困难情况说明如下：",
            ),
            ("h", "一、困难情况"),
            ("if", "hardship.given", HARDSHIP_TEXT, [("p", "{{ hardship.missing }}")]),
            ("h", "二、证明材料"),
            (
                "table",
                "m in proofs",
                [
                    ("序号", "{{ m.number }}"),
                    ("材料名称", "{{ m.name }}"),
                    ("状态", "{{ m.status }}"),
                    ("说明", "{{ m.remark }}"),
                ],
                None,
            ),
            ("if", "not proofs", [("p", "（尚未选择困难原因，无法列出证明材料）")], []),
            ("p", "本人保证以上情况真实。如有不实，本人愿意承担相应责任。"),
            ("sign", "说明人"),
        ],
    ),
    "financial_statement": (
        "个人财务状况说明",
        [
            (
                "p",
                "本人{{ borrower.name }}（身份证号：{{ borrower.id_number }}），截至{{ doc.as_of }}的财务状况如下：",
            ),
            ("h", "一、收入与支出"),
            (
                "if",
                "statement.given",
                [
                    (
                        "table",
                        "r in statement.rows",
                        [
                            ("项目", "{{ r.label }}"),
                            ("类别", "{{ r.kind }}"),
                            ("每月金额（元）", "{{ r.amount }}"),
                        ],
                        None,
                    ),
                    ("each", "line in statement.paragraphs", "{{ line }}"),
                ],
                [("p", "{{ statement.missing }}")],
            ),
            ("h", "二、负债情况"),
            (
                "p",
                "本人目前共有借款{{ totals.count }}笔，合同本金合计人民币{{ totals.principal }}元（大写：{{ totals.principal_capitals }}），明细如下：",
            ),
            ALL_DEBTS_TABLE,
            ("if", "overdue", [("each", "line in overdue", "{{ line }}")], []),
            ("p", "本人保证以上情况真实、完整。"),
            ("sign", "说明人"),
        ],
    ),
    "repayment_plan": (
        "还款计划书",
        [
            ("plain", "致：{{ creditor.name }}"),
            (
                "p",
                "本人{{ borrower.name }}（身份证号：{{ borrower.id_number }}）就在贵方的借款，提出还款计划如下：",
            ),
            ("h", "一、借款情况"),
            DEBT_TABLE,
            ("h", "二、还款方案"),
            (
                "if",
                "plan.given",
                [("each", "line in plan.paragraphs", "{{ line }}")],
                [("p", "{{ plan.missing }}")],
            ),
            ("h", "三、还款计划表"),
            (
                "if",
                "plan.rows",
                [
                    (
                        "table",
                        "r in plan.rows",
                        [
                            ("期数", "{{ r.period }}"),
                            ("还款日期", "{{ r.due_date }}"),
                            ("应还金额（元）", "{{ r.payment }}"),
                            ("当期利息（元）", "{{ r.charges }}"),
                            ("还款后尚欠（元）", "{{ r.balance }}"),
                        ],
                        ["合计", "", "{{ plan.total }}", "{{ plan.total_charges }}", ""],
                    ),
                    ("p", "还款总额：人民币{{ plan.total }}元（大写：{{ plan.total_capitals }}）。"),
                ],
                [("p", "{{ plan.rows_missing }}")],
            ),
            ("if", "plan.given", [("p", "本人将按上述计划按时还款，如情况发生变化，将及时与贵方沟通。")], []),
            ("sign", "还款人"),
        ],
    ),
    "progress_report": (
        "还款情况汇报",
        [
            ("plain", "致：{{ creditor.name }}"),
            (
                "p",
                "本人{{ borrower.name }}（身份证号：{{ borrower.id_number }}），现将截至{{ doc.as_of }}的还款情况汇报如下：",
            ),
            ("h", "一、已还款记录"),
            (
                "if",
                "payments",
                [
                    (
                        "table",
                        "r in payments",
                        [
                            ("序号", "{{ r.number }}"),
                            ("借款", "{{ r.debt }}"),
                            ("还款日期", "{{ r.date }}"),
                            ("金额（元）", "{{ r.amount }}"),
                            ("备注", "{{ r.note }}"),
                        ],
                        ["合计", "", "", "{{ paid.total }}", ""],
                    ),
                    ("p", "已还款合计人民币{{ paid.total }}元（大写：{{ paid.total_capitals }}）。"),
                ],
                [("p", "（尚无还款记录）")],
            ),
            ("h", "二、尚欠金额"),
            ("each", "line in remaining", "{{ line }}"),
            ("h", "三、执行情况"),
            (
                "if",
                "progress.given",
                [("each", "line in progress.paragraphs", "{{ line }}")],
                [("p", "{{ progress.missing }}")],
            ),
            ("sign", "汇报人"),
        ],
    ),
    "collection_complaint": (
        "催收投诉书",
        [
            ("plain", "致：{{ recipient.name }}"),
            ("plain", "投诉人："),
            *PERSON,
            ("plain", "被投诉机构：{{ creditor.name }}"),
            ("h", "一、投诉事项"),
            (
                "p",
                "投诉人与被投诉机构之间存在借款关系。在催收过程中，被投诉机构或其委托的催收人员存在以下行为，"
                "投诉人认为其违反了有关催收行为的规定：",
            ),
            (
                "if",
                "findings",
                [
                    (
                        "table",
                        "f in findings",
                        [
                            ("序号", "{{ f.number }}"),
                            ("日期", "{{ f.when }}"),
                            ("催收行为", "{{ f.conduct }}"),
                            ("相关规定（出处）", "{{ f.rule }}"),
                        ],
                        None,
                    )
                ],
                [("p", "{{ findings_missing }}")],
            ),
            ("h", "二、投诉请求"),
            ("each", "line in complaint_requests", "{{ line }}"),
            ("h", "三、证据目录"),
            (
                "if",
                "evidence",
                [
                    (
                        "table",
                        "e in evidence",
                        [
                            ("序号", "{{ e.number }}"),
                            ("证据名称", "{{ e.name }}"),
                            ("形成时间", "{{ e.formed_at }}"),
                            ("证明内容", "{{ e.proves }}"),
                        ],
                        None,
                    )
                ],
                [("p", "{{ evidence_missing }}")],
            ),
            ("sign", "投诉人"),
        ],
    ),
    "credit_dispute": (
        "征信异议申请",
        [
            ("plain", "致：{{ dispute.recipient }}"),
            ("plain", "异议申请人："),
            *PERSON,
            ("plain", "数据报送机构：{{ creditor.name }}"),
            ("h", "一、异议事项"),
            (
                "if",
                "dispute.given",
                [("each", "line in dispute.facts", "{{ line }}")],
                [("p", "{{ dispute.missing }}")],
            ),
            ("h", "二、申请事项"),
            ("each", "line in dispute.requests", "{{ line }}"),
            ("h", "三、证明材料"),
            (
                "if",
                "dispute.proofs",
                [("each", "line in dispute.proofs", "{{ line }}")],
                [("p", "（尚未列出证明材料）")],
            ),
            ("sign", "申请人"),
        ],
    ),
    "evidence_index": (
        "证据目录",
        [
            ("plain", "提交人：{{ borrower.name }}"),
            ("plain", "案件：{{ case_title }}"),
            (
                "if",
                "evidence",
                [
                    (
                        "table",
                        "e in evidence",
                        [
                            ("序号", "{{ e.number }}"),
                            ("证据名称", "{{ e.name }}"),
                            ("来源", "{{ e.source }}"),
                            ("形成时间", "{{ e.formed_at }}"),
                            ("证明内容", "{{ e.proves }}"),
                            ("文件/页码", "{{ e.file }}"),
                        ],
                        None,
                    )
                ],
                [("p", "{{ evidence_missing }}")],
            ),
            ("sign", "提交人"),
        ],
    ),
}

# ---- DOCX ------------------------------------------------------------------------------------------

BODY_FONT, TITLE_FONT, HEADING_FONT, TABLE_FONT = "仿宋", "宋体", "黑体", "宋体"


def _fonts(style_or_run: Any, east_asia: str, size: float, bold: bool = False) -> None:
    font = style_or_run.font
    font.name = "Times New Roman"
    font.size = Pt(size)
    font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)


def _page_number_footer(section: Any) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" 页")
    anchor = section.footer.add_paragraph()  # the evidence ledger's anchor, when the document has a ledger
    anchor.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(anchor.add_run(LEDGER_ANCHOR), BODY_FONT, 7)


def _new_document() -> Any:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.8)
    _fonts(document.styles["Normal"], BODY_FONT, 14)
    document.styles["Normal"].paragraph_format.line_spacing = 1.4
    document.styles["Normal"].paragraph_format.space_after = Pt(0)
    _page_number_footer(section)
    return document


def _paragraph(document: Any, text: str, kind: str = "p") -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if kind == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(12)
        _fonts(run, TITLE_FONT, 18, bold=True)
    elif kind == "h":
        paragraph.paragraph_format.space_before = Pt(6)
        _fonts(run, HEADING_FONT, 14)
    elif kind == "p":
        paragraph.paragraph_format.first_line_indent = Pt(28)
    elif kind == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif kind == "note":
        paragraph.paragraph_format.space_before = Pt(18)
        _fonts(run, BODY_FONT, 9)
    return paragraph


# A column's width follows what it holds: its kind's widest usual value (an amount up to 1,234,567.89, a date like
# 2026年12月10日, a rate like 月费率0.6%) fits on one line in the table's font, measured with wide digits (DejaVu's,
# what LibreOffice falls back to without Times New Roman); columns of free text take the room left and may wrap.
WIDEST = {"number": "合计", "date": "2026年12月10日", "amount": "1,234,567.89", "rate": "月费率0.6%"}
LEAST_EMS = {"short": 4.0, "text": 4.0}
CELL_MARGIN = Cm(0.1)  # each side; Word's default 0.19 cm would cost a wide table the room of one amount


def _ems(text: str) -> float:
    """The width of ``text`` in ems: a Chinese character one em, a digit 0.64, a comma or point 0.32, and a quarter
    em where Chinese meets Latin (the gap LibreOffice and Word put there)."""
    chinese = [ord(c) > 0x2E80 for c in text]
    gaps = sum(a != b for a, b in pairwise(chinese))
    return 0.25 * gaps + sum(
        1.0 if wide else 0.32 if c in ",.:" else 0.84 if c == "%" else 0.64
        for c, wide in zip(text, chinese, strict=True)
    )


def _column_widths(document: Any, columns: list[tuple[str, str]]) -> tuple[float, list[int]]:
    """The table's font size (五号 10.5 pt, else 小五 9 pt, else 8 pt: the largest its columns fit at) and the
    columns' widths (EMU), filling the text block: every column its kind's least width, the room left to the
    free-text columns (to every column, in proportion, when none holds free text)."""
    section = document.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    kinds = [_kind(cell) for _, cell in columns]
    ems = [_ems(WIDEST[kind]) * 1.08 if kind in WIDEST else LEAST_EMS[kind] for kind in kinds]  # bold headers
    for size in (10.5, 9, 8):
        least = [int(Pt(em * size)) + 2 * CELL_MARGIN for em in ems]
        spare = room - sum(least)
        if spare >= 0:
            break
    else:  # pragma: no cover - a table described with too many columns for the page
        raise ValueError(f"columns {[h for h, _ in columns]} do not fit the page")
    takers = [i for i, kind in enumerate(kinds) if kind == "text"] or list(range(len(kinds)))
    weight = sum(least[i] for i in takers)
    widths = [w + (spare * w // weight if i in takers else 0) for i, w in enumerate(least)]
    widths[takers[-1]] += room - sum(widths)  # the rounding, so the columns add up to the text block exactly
    return size, [int(w) for w in widths]


def _fixed_table(table: Any, widths: list[int]) -> None:
    """The layout Word, WPS and LibreOffice all keep: a fixed layout (no autofit), the grid, the table's own width
    every cell's width and narrow cell margins, so no renderer recomputes the columns from their content."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), str(Emu(CELL_MARGIN).twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.find(qn("w:tblLayout")).addnext(margins)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(Emu(w).twips for w in widths)))
    for col_index, width in enumerate(widths):
        table.columns[col_index].width = Emu(width)
    for row in table.rows:
        for col_index, cell in enumerate(row.cells):
            cell.width = Emu(widths[col_index])


def _docx_table(document: Any, loop: str, columns: list[tuple[str, str]], footer: list[str] | None) -> None:
    rows = 4 + (1 if footer else 0)
    table = document.add_table(rows=rows, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = [
        [header for header, _ in columns],
        [f"{{%tr for {loop} %}}"] + [""] * (len(columns) - 1),
        [cell for _, cell in columns],
        ["{%tr endfor %}"] + [""] * (len(columns) - 1),
    ]
    if footer:
        cells.append(footer)
    size, widths = _column_widths(document, columns)
    _fixed_table(table, widths)
    amounts = [_kind(cell) == "amount" for _, cell in columns]
    for row_index, values in enumerate(cells):
        for col_index, value in enumerate(values):
            paragraph = table.rows[row_index].cells[col_index].paragraphs[0]
            if amounts[col_index] and row_index > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # amounts line up on their last digit
            run = paragraph.add_run(value)
            _fonts(run, TABLE_FONT, size, bold=row_index == 0)
            paragraph.paragraph_format.line_spacing = 1.0


def _docx_blocks(document: Any, blocks: list[Block]) -> None:
    for block in blocks:
        kind = block[0]
        if kind in ("h", "p", "plain"):
            _paragraph(document, block[1], kind)
        elif kind == "each":
            _paragraph(document, f"{{%p for {block[1]} %}}", "plain")
            _paragraph(document, block[2], "p")
            _paragraph(document, "{%p endfor %}", "plain")
        elif kind == "if":
            _paragraph(document, f"{{%p if {block[1]} %}}", "plain")
            _docx_blocks(document, block[2])
            if block[3]:
                _paragraph(document, "{%p else %}", "plain")
                _docx_blocks(document, block[3])
            _paragraph(document, "{%p endif %}", "plain")
        elif kind == "table":
            _docx_table(document, block[1], block[2], block[3])
        elif kind == "sign":
            _paragraph(document, "", "plain")
            _paragraph(document, f"{block[1]}（签字）：________________", "right")
            _paragraph(document, "日期：{{ doc.date }}", "right")
        else:  # pragma: no cover - a typo in DOCUMENTS
            raise ValueError(kind)


def build_docx(name: str) -> Any:
    title, blocks = DOCUMENTS[name]
    document = _new_document()
    _paragraph(document, title, "title")
    _docx_blocks(document, blocks)
    _paragraph(document, NOTE, "note")
    document.core_properties.title = title
    document.core_properties.author = "协商 Xieshang"
    return document


# ---- HTML ------------------------------------------------------------------------------------------


# What a table cell holds, by its template expression: free text may wrap; every other cell (numbers, dates,
# amounts, ids, statuses) stays on one line, in the PDF by a class and in the DOCX by its column's width.
WRAPPING = (
    "creditor",
    ".name",
    ".debt",
    ".method",
    ".conduct",
    ".rule",
    ".proves",
    ".remark",
    ".file",
    ".source",
    ".note",
    ".label",
    ".kind",
    ".formed_at",
)
AMOUNTS = (".principal", ".received", ".amount", ".payment", ".charges", ".balance", ".total")
DATES = ("date", ".when")
NUMBERS = (".number", ".period")


def _kind(cell: str) -> str:
    """``text``, ``amount``, ``date``, ``number``, ``rate`` or ``short``: what sets the column's width."""
    if any(key in cell for key in WRAPPING):
        return "text"
    if any(key in cell for key in AMOUNTS):
        return "amount"
    if any(key in cell for key in DATES):
        return "date"
    if any(key in cell for key in NUMBERS):
        return "number"
    if ".rate" in cell:
        return "rate"
    return "short"


def _td(cell: str) -> str:
    kind = _kind(cell)
    if kind == "text":
        return f"<td>{cell}</td>"
    if kind == "amount":
        return f'<td class="nowrap num">{cell}</td>'
    return f'<td class="nowrap">{cell}</td>'


def _html_table_start(columns: list[tuple[str, str]], indent: str) -> list[str]:
    """A table's opening tags. A table of one-line cells (no free text) whose columns fit the DOCX at 五号
    (10.5 pt) fits the PDF's smaller type (9.5 pt) at the same proportions, so it gets them as a fixed layout:
    WeasyPrint then places the columns once instead of measuring every cell's content first (the long repayment
    schedules). Other tables keep the automatic layout, which gives free text the room its words need and lets a
    long date take room from a short column."""
    size, widths = _column_widths(_new_document(), columns)
    if size < 10.5 or any(_kind(cell) == "text" for _, cell in columns):
        return [f"{indent}<table>"]
    total = sum(widths)
    cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in widths)
    return [f'{indent}<table class="fixed">', f"{indent}  <colgroup>{cols}</colgroup>"]


def _html_blocks(blocks: list[Block], indent: str = "") -> list[str]:
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            out.append(f"{indent}<h2>{block[1]}</h2>")
        elif kind == "p":
            out.append(f"{indent}<p>{block[1]}</p>")
        elif kind == "plain":
            out.append(f'{indent}<p class="plain">{block[1]}</p>')
        elif kind == "each":
            out.append(f"{indent}{{% for {block[1]} %}}<p>{block[2]}</p>{{% endfor %}}")
        elif kind == "if":
            out.append(f"{indent}{{% if {block[1]} %}}")
            out += _html_blocks(block[2], indent + "  ")
            if block[3]:
                out.append(f"{indent}{{% else %}}")
                out += _html_blocks(block[3], indent + "  ")
            out.append(f"{indent}{{% endif %}}")
        elif kind == "table":
            _, loop, columns, footer = block
            out += _html_table_start(columns, indent)
            out.append(f"{indent}  <thead><tr>{''.join(f'<th>{h}</th>' for h, _ in columns)}</tr></thead>")
            out.append(f"{indent}  <tbody>{{% for {loop} %}}")
            out.append(f"{indent}    <tr>{''.join(_td(c) for _, c in columns)}</tr>")
            out.append(f"{indent}  {{% endfor %}}</tbody>")
            if footer:
                out.append(f"{indent}  <tfoot><tr>{''.join(_td(c) for c in footer)}</tr></tfoot>")
            out.append(f"{indent}</table>")
        elif kind == "sign":
            out.append(f'{indent}<div class="sign"><p>{block[1]}（签字）：________________</p>')
            out.append(f"{indent}<p>日期：{{{{ doc.date }}}}</p></div>")
        else:  # pragma: no cover
            raise ValueError(kind)
    return out


def build_html(name: str) -> str:
    title, blocks = DOCUMENTS[name]
    body = "\n".join(_html_blocks(blocks, "  "))
    return (
        '{% extends "base.html" %}\n'
        "{# Generated by build_templates.py from the same description as " + name + ".docx. #}\n"
        "{% block title %}" + title + "{% endblock %}\n"
        "{% block body %}\n"
        f"  <h1>{title}</h1>\n{body}\n"
        '  <p class="note">' + NOTE + "</p>\n"
        "{% endblock %}\n"
    )


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for name in DOCUMENTS:
        build_docx(name).save(TEMPLATES / f"{name}.docx")
        (TEMPLATES / f"{name}.html").write_text(build_html(name), encoding="utf-8")
        print(f"wrote templates/{name}.docx and templates/{name}.html")


if __name__ == "__main__":
    main()
