"""The shape of the source tree: modules of one subject each, none over 400 lines; the developer script that
writes the DOCX templates is not part of the installed package; case-file sections are listed, not loaded by
name (the import-linter contract checks the imports, this the text)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "xieshang"


def test_no_module_in_src_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_template_builder_is_a_developer_script_outside_the_package() -> None:
    assert not (SRC / "documents" / "build_templates.py").exists()
    assert (SRC.parents[1] / "scripts" / "build_templates.py").exists()


def test_nothing_in_the_package_loads_a_module_by_a_string() -> None:
    """The command line adds its sub-commands by relative name (``cli/__init__``); nothing else does."""
    found = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "import_module(" in path.read_text(encoding="utf-8")
        or "__import__(" in path.read_text(encoding="utf-8")
    )
    assert found == ["cli/__init__.py"]
