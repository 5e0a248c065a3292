"""The docs do not drift from the code: every setting and every CLI command is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from xieshang.cli import app
from xieshang.web.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_in_the_operators_guide() -> None:
    text = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    missing = [s.key for s in SETTINGS if f"`{s.key}`" not in text]
    assert not missing, f"docs/operators.md does not document: {missing}"


def _commands(group: Any, prefix: str = "xieshang") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        if hasattr(command, "commands"):
            names.extend(_commands(command, f"{prefix} {name}"))
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) >= 10
    missing = [c for c in commands if c not in readme]
    assert not missing, f"README.md does not show: {missing}"
