"""The demo case shipped with the package (``xieshang/data/demo-case.yaml``), loaded for a user."""

from __future__ import annotations

from importlib import resources

from django.contrib.auth.models import AbstractBaseUser

from .case_writes import import_case_text
from .models import Case

DEMO_FILE = "demo-case.yaml"


def demo_text() -> str:
    return resources.files("xieshang.data").joinpath(DEMO_FILE).read_text(encoding="utf-8")


def load_demo_case(user: AbstractBaseUser) -> Case:
    """A new case holding the demo borrower and debts (each call adds one more copy)."""
    return import_case_text(user, demo_text(), source_name=DEMO_FILE)
