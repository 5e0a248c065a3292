"""The portable case file (YAML or JSON, one schema) ↔ :class:`xieshang.core.case.Case`.

One source of rules for every way a case comes in: the CLI reads files with :func:`load_case_file`, the web
forms read one debt with :func:`parse_debt` and one section with its :class:`Section`'s ``load``. The package
holds one module per subject:

- :mod:`~xieshang.casefile.reader` — the one reader of amounts, numbers, percents, dates and choices (every
  problem located, in both languages); :mod:`~xieshang.casefile.writer` — its inverse;
- :mod:`~xieshang.casefile.debts` — ``borrower`` and ``debts``;
- one module per optional section: :mod:`~xieshang.casefile.budget`, :mod:`~xieshang.casefile.plan`,
  :mod:`~xieshang.casefile.contacts`, :mod:`~xieshang.casefile.materials`, :mod:`~xieshang.casefile.disputes`
  (disputes and progress notes), listed in :mod:`~xieshang.casefile.sections`;
- :mod:`~xieshang.casefile.document` — a whole file's text; :mod:`~xieshang.casefile.schema` — the JSON Schema.
"""

from __future__ import annotations

from .debts import RATE_CEILINGS, debt_to_dict, parse_debt, with_payments
from .document import (
    SCHEMA_VERSION,
    STATUS_KEY,
    case_from_data,
    dump_case,
    dumps_json,
    dumps_yaml,
    load_case_file,
    load_case_text,
    parse_text,
    sections_of,
)
from .reader import AMOUNT_MAX, DATE_MAX, DATE_MIN
from .schema import SCHEMA_RESOURCE, json_schema, published_schema_text, write_published_schema
from .sections import SECTIONS, Section, section

__all__ = [
    "AMOUNT_MAX",
    "DATE_MAX",
    "DATE_MIN",
    "RATE_CEILINGS",
    "SCHEMA_RESOURCE",
    "SCHEMA_VERSION",
    "SECTIONS",
    "STATUS_KEY",
    "Section",
    "case_from_data",
    "debt_to_dict",
    "dump_case",
    "dumps_json",
    "dumps_yaml",
    "json_schema",
    "load_case_file",
    "load_case_text",
    "parse_debt",
    "parse_text",
    "published_schema_text",
    "section",
    "sections_of",
    "with_payments",
    "write_published_schema",
]
