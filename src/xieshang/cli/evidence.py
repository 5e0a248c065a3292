"""``xieshang evidence``: add files to the evidence store, verify the ledger or a bundle, export a bundle.

Exit codes of ``verify``: 0 intact, 1 changed (the first bad entry is named), 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xieshang.core.errors import ValidationError
from xieshang.core.ledger import VerifyReport

from .common import DATA_DIR_HELP, data_dir, fail, print_json

app = typer.Typer(
    name="evidence",
    help="证据库：登记文件、核验哈希链、导出证据包。 Evidence store, hash-chained ledger and bundles.",
    no_args_is_help=True,
)

DataDir = Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)]
MAX_MB_HELP = "单个文件上限（MB）Size limit per file in MB"


@app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="证据文件 The file (audio, image, PDF, .eml, text)")],
    description: Annotated[
        str, typer.Option("--description", "-d", help="说明：这是什么、证明什么 What it is")
    ],
    case: Annotated[str, typer.Option("--case", help="案件编号 Case id")] = "",
    debt: Annotated[str, typer.Option("--debt", help="债务编号 Debt id")] = "",
    contact: Annotated[str, typer.Option("--contact", help="沟通记录编号 Contact id")] = "",
    max_mb: Annotated[float, typer.Option("--max-mb", help=MAX_MB_HELP)] = 50,
    data_dir_option: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """登记一个证据文件（按内容判断类型，按 SHA-256 保存）。 Add one file to the evidence store."""
    from xieshang.evidence.store import EvidenceStore

    if not description.strip():
        fail("--description 不能为空：写明这是什么证据 (describe the evidence)")
    store = EvidenceStore.in_data_dir(data_dir(data_dir_option), max_bytes=int(max_mb * 1024 * 1024))
    try:
        entry = store.add_file(file, description=description, case_id=case, debt_id=debt, contact_id=contact)
    except ValidationError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{file}: 无法读取或写入 ({error.strerror})")
    if as_json:
        from dataclasses import asdict

        print_json(asdict(entry))
        return
    typer.echo(
        f"已登记 Recorded #{entry.seq}  {entry.media_type}  {entry.size} B  SHA-256 {entry.file_sha256}"
    )


def _print_report(report: VerifyReport, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "checked": report.checked,
                "head_hash": report.head_hash,
                "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in report.problems],
            }
        )
    else:
        typer.echo(report.summary())
        for problem in report.problems[1:]:
            typer.echo(f"  {problem}")


@app.command("verify")
def verify(
    bundle: Annotated[
        Path | None, typer.Option("--bundle", help="核验导出的证据包 Verify an exported bundle (zip)")
    ] = None,
    data_dir_option: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """核验哈希链和每个文件；完好退出码 0，被改动 1（指出第一条问题记录），输入有误 2。"""
    if bundle is not None:
        from xieshang.evidence.bundle import verify_bundle

        try:
            report = verify_bundle(bundle.read_bytes())
        except OSError as error:
            fail(f"{bundle}: 无法读取 ({error.strerror})")
        except ValidationError as error:
            fail(f"{bundle}: {error}")
    else:
        from xieshang.evidence.store import EvidenceStore

        store = EvidenceStore.in_data_dir(data_dir(data_dir_option))
        if not store.ledger_path.exists():
            fail(
                f"{store.root} 中没有证据账本 (no evidence ledger)：先用 xieshang evidence add 登记文件，或检查 --data-dir"
            )
        report = store.verify()
    _print_report(report, as_json)
    raise typer.Exit(0 if report.ok else 1)


@app.command("bundle")
def bundle(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 zip 文件 Output zip")],
    case: Annotated[str | None, typer.Option("--case", help="只导出该案件的证据 Only this case")] = None,
    data_dir_option: DataDir = None,
) -> None:
    """导出证据包（文件、清单、账本摘录、证据目录）。 Export an evidence bundle."""
    from xieshang.evidence.bundle import export_bundle
    from xieshang.evidence.store import EvidenceStore

    store = EvidenceStore.in_data_dir(data_dir(data_dir_option))
    if not store.ledger_path.exists():
        fail(f"{store.root} 中没有证据账本 (no evidence ledger)")
    try:
        data = export_bundle(store, case_id=case)
    except ValidationError as error:
        fail(str(error))
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"{output}: 无法写入 ({error.strerror})")
    typer.echo(f"已导出 Exported {output}（{len(data)} B）。核验：xieshang evidence verify --bundle {output}")
