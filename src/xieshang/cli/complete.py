"""``xieshang case export`` and ``xieshang case import``: one case, complete, as one archive and back.

The archive holds everything about the case (rows of every table, evidence and material files with the ledger,
the document history; see :mod:`xieshang.cases.complete`) and is verified by the same manifest code as a backup.
Importing it into another data directory (SQLite or PostgreSQL) gives the same case: exporting it there again
gives an archive with the same content hash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xieshang.core.errors import XieshangError

from .common import DATA_DIR_HELP, fail
from .evidence import _django, _one_case

DataDir = Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)]


def export_case(
    output: Annotated[Path, typer.Option("-o", "--output", help="导出文件 Output file (.zip)")],
    case: Annotated[str | None, typer.Option("--case", help="案件编号 Case number (as in /cases/7/)")] = None,
    data_dir_option: DataDir = None,
) -> None:
    """导出一个案件的全部内容（证据、材料、账单、设置、文书记录）。 Export everything about one case."""
    _django(data_dir_option)
    from xieshang.cases.complete import export_case as export

    target = _one_case(case)
    try:
        manifest = export(target.pk, output.expanduser().resolve())
    except XieshangError as error:
        fail(str(error))
    typer.echo(f"已导出 Exported: {output}（{len(manifest['members'])} 个文件 members）")
    typer.echo(f"内容哈希 content: {manifest['content']}")


def import_case(
    file: Annotated[
        Path, typer.Argument(help="完整导出的案件 A complete case export (.zip)", show_default=False)
    ],
    data_dir_option: DataDir = None,
) -> None:
    """导入一个完整导出的案件（先核验全部内容）。 Import a complete case export, verified first."""
    chosen = _django(data_dir_option)
    from xieshang.accounts.users import local_owner
    from xieshang.cases.complete import import_case_archive

    try:
        case = import_case_archive(local_owner(), file.expanduser().resolve(), chosen)
    except XieshangError as error:
        fail(f"{error}。没有导入任何内容 / nothing was imported")
    typer.echo(f"已导入 Imported: 案件 case {case.pk}（{case.borrower_name}）")
