"""The demo case shipped with the package (``xieshang/data/demo-case.yaml``), loaded for a user."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from xieshang.reference import read_data_text

from .case_writes import import_case_text
from .models import Case

DEMO_FILE = "demo-case.yaml"


def demo_text() -> str:
    return read_data_text(DEMO_FILE)


def load_demo_case(user: AbstractBaseUser) -> Case:
    """A new case holding the demo borrower and debts (each call adds one more copy)."""
    return import_case_text(user, demo_text(), source_name=DEMO_FILE)
