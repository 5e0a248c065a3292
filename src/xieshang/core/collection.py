"""Collection-conduct checks (催收行为检查) over the contact log, from the rules data.

The rules (thresholds, keywords, sources, confidence) come from ``data/collection_rules.yaml`` through
:func:`rules_from_data`; this module holds no legal number. Each :class:`Finding` names its rule, the rule's
source and confidence, and the contacts and evidence files it rests on. Findings are references the borrower
may cite in a complaint, never verdicts.

Each finding says what was found in Chinese (``detail_zh``, which the complaint letter quotes) and in English
(``detail_en``); :attr:`Finding.detail_text` holds both for pages that follow the reader's language.

Boundaries: a contact at exactly ``quiet_from`` (22:00) is inside the quiet hours, one at exactly
``quiet_until`` (08:00) is outside. Counting limits are "at most": the (limit + 1)-th call in a day is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from .bilingual import Text
from .case import Case
from .contacts import Channel, ContactEntry, Direction, Flag, Party, label
from .errors import ValidationError

CHECKS = ("quiet_hours", "connected_calls", "call_attempts", "third_party", "conduct")
CONFIDENCES = ("text", "press", "unverified")


@dataclass(frozen=True)
class CollectionRule:
    id: str
    check: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    source: str
    confidence: str
    limit: int = 0
    quiet_from: time | None = None
    quiet_until: time | None = None
    flags: Mapping[Flag, tuple[str, ...]] = field(default_factory=dict)
    complaint_channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One apparent breach: which rule, when, by whom, on which contacts and evidence files.

    ``basis`` is ``"log"`` (times and counts in the log), ``"ticked"`` (the user ticked a flag) or
    ``"keyword"`` (words in the summary suggest it: a hint to check). ``detail_en`` is ``detail_zh`` in English
    (names and the quoted words of the log stay as written).
    """

    rule_id: str
    title_zh: str
    title_en: str
    source: str
    confidence: str
    day: date
    institution: str
    detail_zh: str
    contact_ids: tuple[str, ...]
    evidence: tuple[str, ...]
    basis: str = "log"
    keywords: tuple[str, ...] = ()
    detail_en: str = ""

    @property
    def title_text(self) -> Text:
        return Text(self.title_zh, self.title_en)

    @property
    def detail_text(self) -> Text:
        return Text(self.detail_zh, self.detail_en or self.detail_zh)


def _time(value: object, where: str) -> time:
    if isinstance(value, int) and not isinstance(value, bool):  # YAML 1.1 reads 22:00 as sexagesimal 1320
        return time(value // 60 % 24, value % 60)
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError("must be a time such as 22:00", where)


def rule_from_data(data: object, where: str) -> CollectionRule:
    if not isinstance(data, Mapping):
        raise ValidationError("must be an object", where)
    for key in ("id", "check", "title_zh", "title_en", "summary_zh", "summary_en", "source", "confidence"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValidationError("required text", f"{where}.{key}")
    if data["check"] not in CHECKS:
        raise ValidationError(f"must be one of {', '.join(CHECKS)}", f"{where}.check")
    if data["confidence"] not in CONFIDENCES:
        raise ValidationError(f"must be one of {', '.join(CONFIDENCES)}", f"{where}.confidence")
    limit = data.get("limit", 0)
    if data["check"] in ("connected_calls", "call_attempts") and (not isinstance(limit, int) or limit < 1):
        raise ValidationError("must be a whole number ≥ 1", f"{where}.limit")
    quiet = {}
    if data["check"] == "quiet_hours":
        quiet = {k: _time(data.get(k), f"{where}.{k}") for k in ("quiet_from", "quiet_until")}
    raw_flags = data.get("flags") or {}
    if not isinstance(raw_flags, Mapping):
        raise ValidationError("must map flags to keyword lists", f"{where}.flags")
    flags: dict[Flag, tuple[str, ...]] = {}
    for name, words in raw_flags.items():
        try:
            flag = Flag(name)
        except ValueError:
            raise ValidationError(f"unknown flag {name!r}", f"{where}.flags") from None
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValidationError("must be a list of words", f"{where}.flags.{name}")
        flags[flag] = tuple(words)
    channels = data.get("complaint_channels") or []
    return CollectionRule(
        id=data["id"],
        check=data["check"],
        title_zh=data["title_zh"].strip(),
        title_en=data["title_en"].strip(),
        summary_zh=data["summary_zh"].strip(),
        summary_en=data["summary_en"].strip(),
        source=data["source"].strip(),
        confidence=data["confidence"],
        limit=limit,
        flags=flags,
        complaint_channels=tuple(str(c) for c in channels),
        **quiet,
    )


def rules_from_data(data: object, name: str = "collection_rules.yaml") -> tuple[CollectionRule, ...]:
    """The rules of the (already parsed) data file; errors name the file and the rule."""
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise ValidationError("must hold a list under 'rules'", name)
    rules = tuple(rule_from_data(item, f"{name}: rules[{i}]") for i, item in enumerate(data["rules"]))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ValidationError("rule ids must be unique", name)
    return rules


def _finding(rule: CollectionRule, contacts: Sequence[ContactEntry], detail: Text, **extra: Any) -> Finding:
    evidence = tuple(dict.fromkeys(h for c in contacts for h in c.attachments))
    return Finding(
        rule_id=rule.id,
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        source=rule.source,
        confidence=rule.confidence,
        day=contacts[0].when.date(),
        institution=contacts[0].institution,
        detail_zh=detail.zh,
        detail_en=detail.en,
        contact_ids=tuple(c.id for c in contacts),
        evidence=evidence,
        **extra,
    )


def _stamp(contact: ContactEntry) -> Text:
    when = f"{contact.when:%Y-%m-%d %H:%M}"
    return Text(
        f"{when} {label(contact.channel)}（{contact.institution}）",
        f"{when} {label(contact.channel, 'en').lower()} ({contact.institution})",
    )


def _label(value: Channel | Flag | Party) -> Text:
    return Text(label(value), label(value, "en"))


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """``start`` ≤ moment < ``end``, across midnight when ``start`` > ``end`` (22:00 in, 08:00 out)."""
    return start <= moment < end if start < end else moment >= start or moment < end


def _quiet_hours(rule: CollectionRule, contacts: Sequence[ContactEntry]) -> list[Finding]:
    assert rule.quiet_from is not None and rule.quiet_until is not None
    start, end = f"{rule.quiet_from:%H:%M}", f"{rule.quiet_until:%H:%M}"
    return [
        _finding(
            rule,
            [c],
            _stamp(c) + Text(f"：在 {start}–{end} 之间联系", f": contacted between {start} and {end}"),
        )
        for c in contacts
        if in_quiet_hours(c.when.time(), rule.quiet_from, rule.quiet_until)
    ]


def _over_limit(rule: CollectionRule, contacts: Sequence[ContactEntry], connected: bool) -> list[Finding]:
    groups: dict[tuple[str, date, Text], list[ContactEntry]] = {}
    for c in contacts:
        if c.channel is Channel.PHONE and c.connected is connected:
            number = Text("", "") if connected else (Text.same(c.called_number) or _label(c.party))
            groups.setdefault((c.institution, c.when.date(), number), []).append(c)
    findings = []
    for (institution, day, number), calls in groups.items():
        if len(calls) > rule.limit:
            n, limit = len(calls), rule.limit
            detail = (
                Text(
                    f"{day:%Y-%m-%d} {institution} 接通催收电话 {n} 次，超过 {limit} 次",
                    f"{day:%Y-%m-%d} {institution}: {n} connected collection calls, more than {limit}",
                )
                if connected
                else Text(
                    f"{day:%Y-%m-%d} {institution} 对同一号码（{number.zh}）未接通拨打 {n} 次，超过 {limit} 次",
                    f"{day:%Y-%m-%d} {institution}: {n} unanswered calls to the same number ({number.en}), "
                    f"more than {limit}",
                )
            )
            findings.append(_finding(rule, calls, detail))
    return findings


def _third_party(rule: CollectionRule, contacts: Sequence[ContactEntry]) -> list[Finding]:
    findings = []
    for c in contacts:
        if c.third_party and c.borrower_reachable:
            party = _label(c.party)
            detail = _stamp(c) + Text(
                f"：联系了{party.zh}，而借款人本人可以联系上",
                f": contacted {party.en.lower()}, although the borrower could be reached",
            )
            findings.append(_finding(rule, [c], detail))
    return findings + _conduct(rule, [c for c in contacts if c.third_party])


def _conduct(rule: CollectionRule, contacts: Sequence[ContactEntry]) -> list[Finding]:
    findings = []
    for c in contacts:
        for flag, words in rule.flags.items():
            what = _label(flag)
            if flag in c.flags:
                detail = _stamp(c) + Text(f"：{what.zh}（用户标记）", f": {what.en.lower()} (ticked by you)")
                findings.append(_finding(rule, [c], detail, basis="ticked"))
                continue
            found = tuple(w for w in words if w in c.summary)
            if found:
                quoted = "、".join(found)
                detail = _stamp(c) + Text(
                    f"：记录中出现“{quoted}”，可能涉及{what.zh}，请核实",
                    f": the record says “{quoted}”, which may mean {what.en.lower()}; please check",
                )
                findings.append(_finding(rule, [c], detail, basis="keyword", keywords=found))
    return findings


def check_contacts(contacts: Iterable[ContactEntry], rules: Sequence[CollectionRule]) -> tuple[Finding, ...]:
    """Every finding over the incoming contacts, in time order, then by rule order."""
    incoming = sorted(
        (c for c in contacts if c.direction is Direction.INCOMING), key=lambda c: (c.when, c.id)
    )
    findings: list[tuple[int, Finding]] = []
    for order, rule in enumerate(rules):
        if rule.check == "quiet_hours":
            found = _quiet_hours(rule, incoming)
        elif rule.check == "connected_calls":
            found = _over_limit(rule, incoming, connected=True)
        elif rule.check == "call_attempts":
            found = _over_limit(rule, incoming, connected=False)
        elif rule.check == "third_party":
            found = _third_party(rule, incoming)
        else:
            found = _conduct(rule, incoming)
        findings += [(order, f) for f in found]
    findings.sort(key=lambda pair: (pair[1].day, pair[1].institution, pair[0]))
    return tuple(f for _, f in findings)


@dataclass(frozen=True)
class ComplaintGroup:
    """What a complaint about one institution needs: its findings, their evidence, where to complain."""

    institution: str
    debt_ids: tuple[str, ...]
    findings: tuple[Finding, ...]
    evidence: tuple[str, ...]
    rule_ids: tuple[str, ...]
    complaint_channels: tuple[str, ...]
    first_day: date
    last_day: date


@dataclass(frozen=True)
class ComplaintData:
    borrower_name: str
    borrower_phone: str
    groups: tuple[ComplaintGroup, ...]


def complaint_data(
    findings: Iterable[Finding],
    case: Case,
    rules: Sequence[CollectionRule] = (),
    contacts: Iterable[ContactEntry] = (),
) -> ComplaintData:
    """Findings grouped per institution with evidence and suggested channels, for the complaint letter."""
    by_rule = {r.id: r for r in rules}
    debts_of: dict[str, set[str]] = {}
    for c in contacts:
        debts_of.setdefault(c.institution, set()).add(c.debt_id)
    for loan in case.debts:
        if loan.creditor:
            debts_of.setdefault(loan.creditor, set()).add(loan.id)
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.institution, []).append(finding)
    groups = []
    for institution, items in grouped.items():
        rule_ids = tuple(dict.fromkeys(f.rule_id for f in items))
        channels = tuple(
            dict.fromkeys(ch for rid in rule_ids if rid in by_rule for ch in by_rule[rid].complaint_channels)
        )
        groups.append(
            ComplaintGroup(
                institution=institution,
                debt_ids=tuple(sorted(debts_of.get(institution, set()))),
                findings=tuple(items),
                evidence=tuple(dict.fromkeys(h for f in items for h in f.evidence)),
                rule_ids=rule_ids,
                complaint_channels=channels,
                first_day=min(f.day for f in items),
                last_day=max(f.day for f in items),
            )
        )
    return ComplaintData(case.borrower.name, case.borrower.phone, tuple(groups))
