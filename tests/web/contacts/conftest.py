"""Fixtures for the contact pages: an evidence store in a fresh data directory, real audio files."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def wav_bytes(seconds: float = 0.2, rate: int = 8000, pitch: float = 440.0) -> bytes:
    """A real mono 16-bit PCM WAV (a short tone), made with the standard library."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = int(seconds * rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * pitch * i / rate))) for i in range(frames)
            )
        )
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Every test gets its own data directory (evidence store under <dir>/evidence)."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def wav() -> bytes:
    return wav_bytes()


@pytest.fixture
def opted_in(owner):
    """The hand-worked case of test_reminder_mail, opted in to e-mailed reminders with a 3-day window."""
    from xieshang.cases.case_writes import import_case_text
    from xieshang.contacts.store import save_settings

    from .test_reminder_mail import CASE

    case = import_case_text(owner, CASE, source_name="li.yaml")
    save_settings(case, 7, 3, email_reminders=True, email_address="li@example.org", email_language="zh-hans")
    return case
