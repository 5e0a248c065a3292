"""``xieshang docs``: render one negotiation document, or the package for one creditor, from a case file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xieshang.core.errors import XieshangError
from xieshang.core.masking import Disclosure
from xieshang.documents.context import (
    DocumentInputs,
    build_context,
    creditor_debts,
    creditor_label,
    creditors,
)
from xieshang.documents.sources import gather

from .common import fail
from .loading import load_view

app = typer.Typer(
    name="docs", help="协商文书：申请书、困难说明、还款计划书等（DOCX/PDF）。 Negotiation documents."
)

CaseFile = Annotated[Path, typer.Argument(help="案件文件 Case file (YAML or JSON)")]
Output = Annotated[Path, typer.Option("-o", "--output", help="输出文件 Output file")]
Creditor = Annotated[
    str | None, typer.Option("--creditor", help="债权人名称或借款编号 Creditor name or debt id")
]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="文书日期 Document date (default: the case's as_of)")
]
ShowId = Annotated[
    bool, typer.Option("--show-id", help="显示完整身份证号（默认遮盖） Show the full ID number")
]


EvidenceDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="数据目录，从其证据库生成证据目录 Data directory whose evidence store fills 证据目录",
    ),
]


LedgerOption = Annotated[
    str | None,
    typer.Option(
        "--ledger", help="证据账本编号（数据目录里有多个案件的账本时） Which case's ledger in --data-dir"
    ),
]


def _evidence(data_dir: Path | None, key: str | None, debt_ids: set[str]):  # type: ignore[no-untyped-def]
    """The evidence index from a case's ledger in the data directory (its files in force of this case's debts,
    and those tied to no debt), and the ledger's anchor for the documents' footer. The ledger must verify."""
    from xieshang.core.ledger import live_files
    from xieshang.documents.context import EvidenceRow
    from xieshang.evidence.index import index_rows
    from xieshang.evidence.store import EvidenceStore, chain_keys

    if data_dir is None:
        return (), None
    keys = chain_keys(data_dir)
    if key is None:
        if len(keys) != 1:
            found = "、".join(keys) or "（无）"
            fail(f"--data-dir: {data_dir} 中有 {len(keys)} 个证据账本，请用 --ledger 指定（已有：{found}）")
        key = keys[0]
    elif key not in keys:
        fail(f"--ledger: {data_dir} 中没有证据账本 {key!r}（已有：{'、'.join(keys) or '（无）'}）")
    store = EvidenceStore.of_case(data_dir, key)
    report = store.verify()
    if not report.ok:
        fail(f"证据账本 {key} 未通过核验，不能用于文书：{report.summary()}")
    entries = store.entries()
    chosen = [e for e in live_files(entries) if not e.debt_id or e.debt_id in debt_ids]
    rows = index_rows([(entry, "证据库") for entry in chosen], {})
    evidence = tuple(EvidenceRow(r.number, r.name, r.source, r.formed_at, r.proves, r.file) for r in rows)
    return evidence, {"entries": len(entries), "head": report.head_hash}


def _load(
    file: Path,
    as_of: str | None,
    show_id: bool,
    to_regulator: bool = False,
    data_dir: Path | None = None,
    ledger: str | None = None,
) -> tuple[DocumentInputs, dict[str, Any] | None]:
    if not file.exists():
        fail(f"找不到案件文件 {file}")
    view = load_view(file, as_of)
    evidence, footer = _evidence(data_dir, ledger, {d.id for d in view.case.debts})
    gathered = gather(
        view,
        disclosure=Disclosure(show_id_number=show_id),
        complaint_to="regulator" if to_regulator else "institution",
        evidence=evidence,
    )
    for note in gathered.notes:
        typer.echo(f"提示 Note: {note}", err=True)
    return gathered.inputs, footer


def _creditor(inputs: DocumentInputs, creditor: str | None) -> str | None:
    if creditor is None:
        return None
    if not creditor_debts(inputs.view, creditor):
        known = "、".join(creditor_label(inputs.view, c) for c in creditors(inputs.view)) or "（无）"
        fail(f"--creditor: 案件中没有债权人或借款 {creditor!r}（已有：{known}）")
    return creditor


@app.command("render")
def render_command(
    file: CaseFile,
    document: Annotated[str, typer.Option("--document", help="文书 Document: application, hardship, …")],
    output: Output,
    creditor: Creditor = None,
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf | html")] = "docx",
    as_of: AsOf = None,
    show_id: ShowId = False,
    to_regulator: Annotated[
        bool, typer.Option("--to-regulator", help="催收投诉书寄往12378而非机构 Complaint to 12378")
    ] = False,
    data_dir: EvidenceDir = None,
    ledger: LedgerOption = None,
) -> None:
    """生成一份文书。 Render one document for the case (per-creditor documents need --creditor)."""
    from xieshang.documents.render import DOCUMENTS, render_docx, render_html, render_pdf

    if document not in DOCUMENTS:
        fail(f"--document: 没有这种文书 {document!r}（可选：{', '.join(DOCUMENTS)}）")
    if fmt not in ("docx", "pdf", "html"):
        fail(f"--format: 只能是 docx、pdf 或 html，收到 {fmt!r}")
    try:
        inputs, footer = _load(file, as_of, show_id, to_regulator, data_dir, ledger)
        chosen = _creditor(inputs, creditor)
        if DOCUMENTS[document].per_creditor and chosen is None and len(inputs.case.debts) > 0:
            names = creditors(inputs.view)
            if len(names) > 1:
                shown = "、".join(creditor_label(inputs.view, n) for n in names)
                fail(f"--creditor: {DOCUMENTS[document].title}是写给一个债权人的，请指定（已有：{shown}）")
            chosen = names[0]
        context = {
            **build_context(inputs, chosen if DOCUMENTS[document].per_creditor else None),
            "ledger": footer,
        }
        if fmt == "docx":
            data = render_docx(document, context)
        elif fmt == "pdf":
            data = render_pdf(document, context)
        else:
            data = render_html(document, context).encode("utf-8")
    except XieshangError as error:
        fail(str(error))
    output.write_bytes(data)
    typer.echo(f"已生成 {output}（{DOCUMENTS[document].title}，{len(data):,} 字节）")


@app.command("package")
def package_command(
    file: CaseFile,
    output: Output,
    creditor: Annotated[
        str, typer.Option("--creditor", help="债权人名称或借款编号 Creditor name or debt id")
    ],
    as_of: AsOf = None,
    show_id: ShowId = False,
    data_dir: EvidenceDir = None,
    ledger: LedgerOption = None,
) -> None:
    """生成给一个债权人的协商材料包（zip）。 The negotiation package for one creditor."""
    from xieshang.documents.package import build_package

    try:
        inputs, footer = _load(file, as_of, show_id, data_dir=data_dir, ledger=ledger)
        _creditor(inputs, creditor)
        package = build_package(inputs, creditor, ledger=footer)
    except XieshangError as error:
        fail(str(error))
    output.write_bytes(package.data)
    typer.echo(f"已生成 {output}（{len(package.records)} 个文件，SHA-256 {package.sha256[:16]}…）")
    for record in package.records:
        typer.echo(f"  {record.filename}  {record.sha256[:16]}…")
