"""The case file's optional top-level sections, listed in one static place.

Each :class:`Section` names its key in the file, the :class:`~xieshang.core.case.Case` field it fills, its JSON
Schema fragment, its reader (``load(data, path)``, raising located errors) and its writer (``dump(value)``,
plain JSON-ready data that ``load`` reads back equal). A new section is one module of this package and one line
here; nothing is registered at import time or loaded by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from xieshang.core.materials import Materials

from . import agreements, budget, contacts, disputes, materials, plan


@dataclass(frozen=True)
class Section:
    """A top-level part of the case file (``budget``, ``plan``, ``contacts`` …)."""

    name: str  # the key in the case file
    field: str  # the Case field it fills
    schema: Mapping[str, Any]  # JSON Schema fragment for properties[name]
    load: Callable[[Any, str], Any]  # (data, path) → value; raises ValidationError with paths under ``path``
    dump: Callable[[Any], Any]  # value → plain data (JSON-ready) that ``load`` reads back
    empty: Any = None  # the Case field's value when the file has no such section


SECTIONS: tuple[Section, ...] = (
    Section(
        "budget", "budget", budget.STATEMENT_SCHEMA, budget.statement_from_dict, budget.statement_to_dict
    ),
    Section("plan", "plan", plan.PLAN_SCHEMA, plan.plan_from_dict, plan.plan_to_dict),
    Section(
        "contacts",
        "contacts",
        contacts.CONTACTS_SCHEMA,
        contacts.contacts_from_dict,
        contacts.contacts_to_dict,
        (),
    ),
    Section(
        "materials",
        "materials",
        materials.MATERIALS_SCHEMA,
        materials.materials_from_dict,
        materials.materials_to_dict,
        Materials(),
    ),
    Section(
        "disputes",
        "disputes",
        disputes.DISPUTES_SCHEMA,
        disputes.disputes_from_dict,
        disputes.disputes_to_dict,
        (),
    ),
    Section(
        "progress_notes",
        "progress_notes",
        disputes.PROGRESS_NOTES_SCHEMA,
        disputes.progress_notes_from_dict,
        disputes.progress_notes_to_dict,
        (),
    ),
    Section(
        "agreements",
        "agreements",
        agreements.AGREEMENTS_SCHEMA,
        agreements.agreements_from_dict,
        agreements.agreements_to_dict,
        (),
    ),
)
BY_NAME: Mapping[str, Section] = {section.name: section for section in SECTIONS}


def section(name: str) -> Section:
    """The section called ``name`` (a KeyError names an unknown one: a bug of the caller)."""
    return BY_NAME[name]
