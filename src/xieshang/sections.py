"""The case file's optional top-level sections, each owned by the core module that gives it meaning.

``budget`` (the financial statement), ``plan`` (the negotiation plan), ``contacts`` (the contact log) and
``materials`` (hardship reasons and the supporting documents checklist), ``disputes`` (credit-report disputes)
and ``progress_notes`` (how the agreement with each creditor was kept, per period). :mod:`xieshang.casefile` imports this
module (it is listed in ``SECTION_MODULES``) so every reader and writer of case files knows them.
"""

from __future__ import annotations

from xieshang.casefile import Section, register_section
from xieshang.core.contacts import CONTACTS_SCHEMA, contacts_from_dict, contacts_to_dict
from xieshang.core.disputes import (
    DISPUTES_SCHEMA,
    PROGRESS_NOTES_SCHEMA,
    disputes_from_dict,
    disputes_to_dict,
    progress_notes_from_dict,
    progress_notes_to_dict,
)
from xieshang.core.materials import MATERIALS_SCHEMA, materials_from_dict, materials_to_dict
from xieshang.core.plan import PLAN_SCHEMA, plan_from_dict, plan_to_dict
from xieshang.core.statement import STATEMENT_SCHEMA, statement_from_dict, statement_to_dict

BUILTIN_SECTIONS = (
    Section("budget", STATEMENT_SCHEMA, statement_from_dict, statement_to_dict),
    Section("plan", PLAN_SCHEMA, plan_from_dict, plan_to_dict),
    Section("contacts", CONTACTS_SCHEMA, contacts_from_dict, contacts_to_dict),
    Section("materials", MATERIALS_SCHEMA, materials_from_dict, materials_to_dict),
    Section("disputes", DISPUTES_SCHEMA, disputes_from_dict, disputes_to_dict),
    Section("progress_notes", PROGRESS_NOTES_SCHEMA, progress_notes_from_dict, progress_notes_to_dict),
)

for _section in BUILTIN_SECTIONS:
    register_section(_section)
