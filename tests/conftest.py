"""What every test shares: the file-encryption keys follow the data directory a test moves to.

The app reads its keys once, at start-up, from ``XIESHANG_FILE_KEYS`` or ``<data-dir>/file_keys``
(``xieshang.web.settings``): a process has one data directory. A test that points ``settings.DATA_DIR`` at its
own folder and then starts ``xieshang`` subprocesses there (backup, restore, import, worker) must seal files
with that folder's keys, as the app started on it would, or the subprocess cannot open them.

A page asked for in English leaves English active in the test's thread (Django's locale middleware activates the
request's language and nothing deactivates it in a test client), so every test ends with the default language
again: a later test that renders text outside a request reads Chinese, whatever ran before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation

from xieshang.evidence import sealing


@receiver(setting_changed)
def _keys_follow_the_data_dir(*, setting: str, value: Any, **_: Any) -> None:
    if setting == "DATA_DIR" and value is not None:
        sealing.configure(settings.CONFIG.file_keys, Path(value) / "file_keys")


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    yield
    translation.deactivate()
