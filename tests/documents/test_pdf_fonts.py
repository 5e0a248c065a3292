"""Every PDF embeds a CJK font and renders; page 1 of each is kept in test-artifacts/documents/ to look at."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection

from xieshang.documents.context import DocumentInputs, build_context
from xieshang.documents.render import DOCUMENTS, render_pdf

from .conftest import ARTIFACTS, BANK
from .text import pdf_text


@functools.cache
def _covered() -> frozenset[int]:
    """Code points the two fonts the stylesheet names can draw (as fontconfig resolves them here)."""
    points: set[int] = set()
    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}", family], capture_output=True, text=True, check=True
        ).stdout.split("\n")
        with TTCollection(found[0]) as collection:
            points.update(collection.fonts[int(found[1])].getBestCmap())
    return frozenset(points)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_pdf_embeds_a_cjk_font_and_renders_page_one(
    name: str, inputs: DocumentInputs, tmp_path: Path
) -> None:
    pdf = render_pdf(name, build_context(inputs, BANK if DOCUMENTS[name].per_creditor else None))
    path = tmp_path / f"{name}.pdf"  # checked here; copied to the artifacts only afterwards (parallel runs)
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    cjk = [row for row in rows if "CJK" in row[0]]
    assert cjk, fonts
    # columns end with: emb sub uni object-number generation, so "emb" is the fifth from the end
    assert all(row[-5] == "yes" for row in cjk), fonts
    assert all(row[-5] == "yes" for row in rows), f"a font is not embedded:\n{fonts}"
    missing = {char for char in pdf_text(pdf) if not char.isspace() and ord(char) not in _covered()}
    assert not missing, f"characters without a glyph: {sorted(missing)}"
    image = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*image, str(path), str(tmp_path / name)], check=True, capture_output=True)
    assert (tmp_path / f"{name}.png").stat().st_size > 5000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for suffix in (".pdf", ".png"):
        shutil.copyfile(tmp_path / f"{name}{suffix}", ARTIFACTS / f"{name}{suffix}")
