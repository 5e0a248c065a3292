"""Fixtures for the paperwork tests: a data directory of their own (the evidence store lives there), the demo
case, and small files that pass the evidence store's content check."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case

# The smallest files the store accepts by content: a PNG signature and a PDF header.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% raw %} ]]> &amp; <w:t>x</w:t> \x07 end"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Every test gets its own evidence store under a temporary data directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def demo(owner) -> Case:
    return load_demo_case(owner)


def png(name: str = "身份证.png", extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG + extra, content_type="image/png")


def pdf(name: str = "流水.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")
