"""What every command that reads a case file shares: reading it (every located problem listed, exit 2), the
``--as-of`` day, and the case view the command reads its figures from (the web's rule for "today")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn

import typer

from xieshang.casefile import load_case_file
from xieshang.core.case import Case
from xieshang.core.errors import ValidationError
from xieshang.view import CaseView

from .common import fail


def _fail_with(path: Path, error: ValidationError) -> NoReturn:
    lines = [str(e) for e in error.errors]
    typer.echo(f"{path}: {len(lines)} 处错误 / {len(lines)} problem(s)", err=True)
    for line in lines[:-1]:
        typer.echo(f"  {line}", err=True)
    fail(lines[-1] if len(lines) == 1 else f"  {lines[-1]}")


def load_case(path: Path) -> Case:
    try:
        return load_case_file(path)
    except ValidationError as error:
        _fail_with(path, error)


def as_of_option(text: str | None) -> date | None:
    """The ``--as-of`` day, or None; a located exit 2 when it is not a date."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"--as-of: 日期应写成 YYYY-MM-DD，如 2026-11-28 / a date like 2026-11-28, got {text!r}")


def load_view(path: Path, as_of: str | None = None) -> CaseView:
    """The case file's view on ``--as-of``, else the file's own ``as_of``, else today in China."""
    day = as_of_option(as_of)
    return CaseView.of(load_case(path), day)
