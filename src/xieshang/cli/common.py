"""What every CLI command shares: how it fails, how it prints money and rates for machines."""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import typer

from xieshang.core.money import cents

DATA_DIR_HELP = "数据目录 Data directory (default: $XIESHANG_DATA_DIR or ./xieshang-data)"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear message to stderr and exit with ``code`` (2 for bad input)."""
    typer.echo(f"错误 Error: {message}", err=True)
    sys.exit(code)


def data_dir(option: Path | None) -> Path:
    """The data directory: the ``--data-dir`` option, else ``$XIESHANG_DATA_DIR``, else ``./xieshang-data``."""
    if option is not None:
        return option.expanduser().resolve()
    env = os.environ.get("XIESHANG_DATA_DIR")
    return Path(env).expanduser().resolve() if env else (Path.cwd() / "xieshang-data").resolve()


def money_json(value: Decimal) -> str:
    """Money in JSON: a string with two decimals."""
    return f"{cents(value):.2f}"


def rate_json(value: Decimal | None, places: int = 6) -> float | None:
    """Rates in JSON: fractions (0.128 for 12.8 %)."""
    return None if value is None else round(float(value), places)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
