"""The packaged reference data read into core values, once: legal lines, LPR series, help channels, plan
limits, collection rules, the materials catalogue, credit-report rules, budget categories, the case-file schema.

The files live in ``xieshang/data/`` and are read through :mod:`importlib.resources`, so they work from a wheel
or a zip as well as from the source tree. A malformed data file is a bug in the package, reported with the
file and the entry at fault (:class:`ReferenceDataError`).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, cast

import yaml

from xieshang.core.agreement_review import rules_from_data as review_rules_from_data
from xieshang.core.agreement_rules import ReviewRule
from xieshang.core.bilingual import Text
from xieshang.core.collection import CollectionRule, rules_from_data
from xieshang.core.debt_agents import AgentGuard, guard_from_data
from xieshang.core.disputes import CreditRule, credit_rules_from_dict
from xieshang.core.errors import XieshangError
from xieshang.core.limits import PlanLimits, plan_limits_from_dict
from xieshang.core.lines import Confidence, HelpChannel, LegalLine, LegalLines, LineKind, LprOn
from xieshang.core.lpr import LprFormula, LprRate, LprSeries
from xieshang.core.materials import Catalog, catalog_from_dict
from xieshang.core.money import percent_to_rate
from xieshang.core.terms import LenderType

CONFIDENCES = ("text", "press", "unverified")
CHANNEL_CONFIDENCES = (*CONFIDENCES, "common")
KINDS = ("rate_cap", "reference")
LPR_ON = ("contract", "as_of")

_LINE_KEYS = {
    "id",
    "kind",
    "title_zh",
    "title_en",
    "rate",
    "formula",
    "lpr_on",
    "rate_until",
    "formula_after",
    "lpr_on_after",
    "lender_types",
    "contracts_from",
    "contracts_before",
    "effective_from",
    "effective_to",
    "status",
    "covers",
    "source",
    "article",
    "confidence",
    "summary_zh",
    "summary_en",
    "excludes",
    "requires",
}
FLAGS = ("assisted_lending",)


class ReferenceDataError(XieshangError):
    """A packaged data file is malformed."""


def read_data_text(name: str) -> str:
    """The text of ``xieshang/data/<name>``."""
    return resources.files("xieshang").joinpath("data", name).read_text(encoding="utf-8")


@cache
def legal_lines() -> LegalLines:
    """Every line of ``legal_lines.yaml``."""
    return parse_legal_lines(read_data_text("legal_lines.yaml"), "legal_lines.yaml")


@cache
def lpr_series() -> LprSeries:
    """The LPR publications of ``lpr.csv``."""
    return parse_lpr_csv(read_data_text("lpr.csv"), "lpr.csv")


@cache
def help_channels() -> tuple[HelpChannel, ...]:
    """The complaint and help channels of ``help_channels.yaml``."""
    return parse_help_channels(read_data_text("help_channels.yaml"), "help_channels.yaml")


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReferenceDataError(f"{where}: not a date: {value!r}") from None


def _text(entry: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise ReferenceDataError(f"{where}.{key}: missing")
        return ""
    return str(value).strip()


def _formula(value: Any, where: str) -> LprFormula | None:
    if value is None:
        return None
    try:
        return LprFormula.parse(str(value))
    except ValueError as error:
        raise ReferenceDataError(f"{where}: {error}") from None


def _choice(entry: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str) -> str:
    value = entry.get(key, default)
    if value not in allowed:
        raise ReferenceDataError(f"{where}.{key}: must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def parse_line(entry: dict[str, Any], where: str) -> LegalLine:
    """One entry of ``legal_lines.yaml``."""
    unknown = set(entry) - _LINE_KEYS
    if unknown:
        raise ReferenceDataError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    kind = _choice(entry, "kind", KINDS, "", where)
    rate = None if entry.get("rate") is None else Decimal(str(entry["rate"]))
    formula = _formula(entry.get("formula"), f"{where}.formula")
    if kind == "rate_cap" and (rate is None) == (formula is None):
        raise ReferenceDataError(f"{where}: a rate_cap needs exactly one of rate and formula")
    try:
        lender_types = tuple(LenderType(t) for t in entry.get("lender_types") or ())
    except ValueError as error:
        raise ReferenceDataError(f"{where}.lender_types: {error}") from None
    return LegalLine(
        id=_text(entry, "id", where),
        kind=cast(LineKind, kind),
        title_zh=_text(entry, "title_zh", where),
        title_en=_text(entry, "title_en", where),
        source=_text(entry, "source", where),
        article=_text(entry, "article", where),
        confidence=cast(Confidence, _choice(entry, "confidence", CONFIDENCES, "", where)),
        summary_zh=_text(entry, "summary_zh", where),
        summary_en=_text(entry, "summary_en", where),
        status=_text(entry, "status", where, required=False) or "in_force",
        covers=_text(entry, "covers", where, required=False),
        rate=rate,
        formula=formula,
        lpr_on=cast(LprOn, _choice(entry, "lpr_on", LPR_ON, "contract", where)),
        rate_until=_date(entry.get("rate_until"), f"{where}.rate_until"),
        formula_after=_formula(entry.get("formula_after"), f"{where}.formula_after"),
        lpr_on_after=cast(LprOn, _choice(entry, "lpr_on_after", LPR_ON, "as_of", where)),
        lender_types=lender_types,
        contracts_from=_date(entry.get("contracts_from"), f"{where}.contracts_from"),
        contracts_before=_date(entry.get("contracts_before"), f"{where}.contracts_before"),
        effective_from=_date(entry.get("effective_from"), f"{where}.effective_from"),
        effective_to=_date(entry.get("effective_to"), f"{where}.effective_to"),
        excludes=tuple(str(x) for x in entry.get("excludes") or ()),
        requires=_flags(entry.get("requires"), f"{where}.requires"),
    )


def _flags(value: Any, where: str) -> tuple[str, ...]:
    flags = tuple(str(x) for x in value or ())
    unknown = [flag for flag in flags if flag not in FLAGS]
    if unknown:
        raise ReferenceDataError(f"{where}: unknown flags {', '.join(unknown)} (known: {', '.join(FLAGS)})")
    return flags


def parse_legal_lines(text: str, name: str = "legal_lines.yaml") -> LegalLines:
    """The text of a legal-lines file as :class:`LegalLines` (ids unique, cross-references resolved)."""
    data = yaml.safe_load(text)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("version"), int)
        or not isinstance(data.get("lines"), list)
    ):
        raise ReferenceDataError(f"{name}: needs an integer `version` and a list `lines`")
    lines = tuple(parse_line(entry, f"{name}: lines[{i}]") for i, entry in enumerate(data["lines"]))
    ids = [line.id for line in lines]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ReferenceDataError(f"{name}: duplicate ids {', '.join(duplicates)}")
    for line in lines:
        missing = [x for x in line.excludes if x not in ids]
        if missing:
            raise ReferenceDataError(f"{name}: {line.id}.excludes names unknown lines {', '.join(missing)}")
    return LegalLines(data["version"], lines)


def parse_lpr_csv(text: str, name: str = "lpr.csv") -> LprSeries:
    """``publish_date,lpr_1y,lpr_5y,cap_4x_1y,note`` rows (percent a year) as an :class:`LprSeries`."""
    rows = csv.DictReader(io.StringIO(text))
    rates = []
    for number, row in enumerate(rows, start=2):
        try:
            rates.append(
                LprRate(
                    date.fromisoformat(row["publish_date"]),
                    percent_to_rate(row["lpr_1y"]),
                    percent_to_rate(row["lpr_5y"]),
                    (row.get("note") or "").strip(),
                )
            )
        except (KeyError, TypeError, ValueError, XieshangError) as error:
            raise ReferenceDataError(f"{name}, line {number}: {error}") from None
    try:
        return LprSeries(tuple(rates))
    except ValueError as error:
        raise ReferenceDataError(f"{name}: {error}") from None


def parse_help_channels(text: str, name: str = "help_channels.yaml") -> tuple[HelpChannel, ...]:
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("channels"), list):
        raise ReferenceDataError(f"{name}: needs a list `channels`")
    channels = []
    for i, entry in enumerate(data["channels"]):
        where = f"{name}: channels[{i}]"
        channels.append(
            HelpChannel(
                id=_text(entry, "id", where),
                number=_text(entry, "number", where),
                name_zh=_text(entry, "name_zh", where),
                name_en=_text(entry, "name_en", where),
                for_zh=_text(entry, "for_zh", where),
                for_en=_text(entry, "for_en", where),
                confidence=_choice(entry, "confidence", CHANNEL_CONFIDENCES, "", where),
                note_zh=_text(entry, "note_zh", where, required=False),
                note_en=_text(entry, "note_en", where, required=False),
            )
        )
    return tuple(channels)


def help_channel(channel_id: str) -> HelpChannel:
    """One help channel by id (``nfra-12378``, ``legal-aid-12348`` …)."""
    for channel in help_channels():
        if channel.id == channel_id:
            return channel
    raise KeyError(channel_id)


@cache
def plan_limits() -> PlanLimits:
    """The re-instalment limits per kind of creditor of ``plan_limits.yaml``."""
    try:
        return plan_limits_from_dict(yaml.safe_load(read_data_text("plan_limits.yaml")))
    except XieshangError as error:
        raise ReferenceDataError(f"plan_limits.yaml: {error}") from error


@cache
def collection_rules() -> tuple[CollectionRule, ...]:
    """The collection-conduct rules of ``collection_rules.yaml`` (thresholds, keywords, sources)."""
    try:
        return rules_from_data(yaml.safe_load(read_data_text("collection_rules.yaml")))
    except XieshangError as error:
        raise ReferenceDataError(f"collection_rules.yaml: {error}") from error


@cache
def agreement_rules() -> tuple[ReviewRule, ...]:
    """The rules an agreement is read by before signing (``agreement_rules.yaml``: checks, words, sources)."""
    try:
        return review_rules_from_data(yaml.safe_load(read_data_text("agreement_rules.yaml")))
    except XieshangError as error:
        raise ReferenceDataError(f"agreement_rules.yaml: {error}") from error


@cache
def debt_agents() -> AgentGuard:
    """The notice about paid debt agents and the words that flag one in the contact log (``debt_agents.yaml``)."""
    try:
        return guard_from_data(yaml.safe_load(read_data_text("debt_agents.yaml")))
    except XieshangError as error:
        raise ReferenceDataError(f"debt_agents.yaml: {error}") from error


def read_package_text(*parts: str) -> str:
    """The text of a file packaged with ``xieshang`` (``read_package_text("schema", "casefile-v1.schema.json")``)."""
    return resources.files("xieshang").joinpath(*parts).read_text(encoding="utf-8")


@cache
def materials_catalog() -> Catalog:
    """The supporting documents of ``materials.yaml``: which apply to which hardship and lender."""
    return catalog_from_dict(yaml.safe_load(read_data_text("materials.yaml")))


@cache
def credit_rules() -> tuple[CreditRule, ...]:
    """The credit-report rules of ``credit_rules.yaml`` (cited next to disputes, with source and confidence)."""
    return credit_rules_from_dict(yaml.safe_load(read_data_text("credit_rules.yaml")))


@cache
def budget_categories() -> dict[str, Text]:
    """Each budget category's name (``budget_categories.yaml``), by id."""
    data = yaml.safe_load(read_data_text("budget_categories.yaml"))
    return {str(c["id"]): Text(str(c["zh"]), str(c.get("en") or c["zh"])) for c in data.get("categories", [])}
