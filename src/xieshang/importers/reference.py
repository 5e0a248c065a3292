"""The data files importers and their callers need, read once: category map, known lenders, statement labels."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from xieshang.core.categories import CategoryMap, category_map_from_dict
from xieshang.core.discovery import KnownLender, lenders_from_dict


def _load(name: str) -> dict[str, Any]:
    text = resources.files("xieshang.data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


@cache
def category_map() -> CategoryMap:
    return category_map_from_dict(_load("category_map.yaml"))


@cache
def known_lenders() -> tuple[KnownLender, ...]:
    return lenders_from_dict(_load("known_lenders.yaml"))


@cache
def budget_labels() -> dict[str, tuple[str, str, str]]:
    """Category id → (group, zh, en) from ``budget_categories.yaml``."""
    return {c["id"]: (c["group"], c["zh"], c["en"]) for c in _load("budget_categories.yaml")["categories"]}
