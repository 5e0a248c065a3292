"""``xieshang demo``: load the demo case into the data directory (also while the server runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import DATA_DIR_HELP, data_dir


def demo(
    data_dir_option: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
) -> None:
    from xieshang.web.config import ConfigError
    from xieshang.web.server import prepare, setup_django

    from .common import fail

    try:
        setup_django(data_dir(data_dir_option))
        prepare()
    except ConfigError as error:
        fail(str(error))
    from xieshang.accounts.users import local_owner
    from xieshang.cases.demo import load_demo_case

    case = load_demo_case(local_owner())
    typer.echo(
        f"已载入示例案件 Loaded the demo case: {case.borrower_name}（{case.debts.count()} 笔债务 debts）"
    )


def _demo_help() -> str:
    """The command's help, counting the debts of the packaged demo case (so it never says seven and loads six)."""
    import yaml

    from xieshang.reference import read_data_text

    debts = len(yaml.safe_load(read_data_text("demo-case.yaml"))["debts"])
    return f"载入示例案件（一位借款人、{debts} 笔债务）。 Load the demo case (one borrower, {debts} debts) for the local owner."


demo.__doc__ = _demo_help()
