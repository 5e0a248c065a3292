"""The evidence hash chain (core/ledger.py, core/ledger_check.py): every later change to an entry, a link or a file
is named; redactions are appended, never rewritten; the head is checked against anchors kept elsewhere."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.errors import ValidationError
from xieshang.core.ledger import (
    GENESIS,
    REDACTION,
    LedgerEntry,
    LedgerStub,
    append,
    canonical_json,
    entry_from_dict,
    entry_hash,
    entry_to_dict,
    live_files,
    migration,
    redaction,
)
from xieshang.core.ledger_check import (
    KIND_ALTERED_ENTRY,
    KIND_ALTERED_FILE,
    KIND_ANCHOR,
    KIND_BAD_REDACTION,
    KIND_BROKEN_LINK,
    KIND_MISSING_ENTRY,
    KIND_MISSING_FILE,
    KIND_STUB,
    KIND_UNCOMMITTED,
    Anchor,
    check_head,
    check_pinned,
    verify_chain,
)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


FILES = [b"recording one", b"screenshot two", b"pdf three"]


def chain(files: list[bytes] = FILES) -> list[LedgerEntry]:
    entries: list[LedgerEntry] = []
    for i, data in enumerate(files):
        entries.append(
            append(
                entries,
                file_sha256=sha(data),
                size=len(data),
                media_type="text/plain",
                recorded_at=f"2026-11-0{i + 1}T21:30:00+08:00",
                description=f"第{i + 1}份证据",
                case_id="case-1",
            )
        )
    return entries


def intact(entries: list[LedgerEntry]) -> dict[str, str | None]:
    return {e.file_sha256: e.file_sha256 for e in entries}


def test_first_entry_links_to_genesis_and_each_next_to_its_predecessor() -> None:
    entries = chain()
    assert entries[0].prev_hash == GENESIS
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].entry_hash
    assert entries[2].prev_hash == entries[1].entry_hash


def test_entry_hash_is_the_sha256_of_the_canonical_json_without_itself() -> None:
    entry = chain()[0]
    body = canonical_json(entry)
    assert b'"entry_hash"' not in body
    assert (
        b'"description":"\xe7\xac\xac1\xe4\xbb\xbd\xe8\xaf\x81\xe6\x8d\xae"' in body
    )  # UTF-8, not \\u escapes
    assert entry.entry_hash == hashlib.sha256(body).hexdigest()


def test_untouched_chain_passes() -> None:
    entries = chain()
    report = verify_chain(entries, intact(entries))
    assert report.ok and report.checked == 3 and report.first is None
    assert report.head_hash == entries[-1].entry_hash
    assert "完好" in report.summary()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "改过的描述"),
        ("recorded_at", "2026-11-02T08:00:00+08:00"),
        ("size", 1),
        ("case_id", "x"),
    ],
)
def test_a_changed_field_names_that_entry(field: str, value: object) -> None:
    entries = chain()
    entries[1] = replace(entries[1], **{field: value})
    report = verify_chain(entries, intact(entries))
    assert report.first is not None
    assert (report.first.seq, report.first.kind) == (2, KIND_ALTERED_ENTRY)
    assert "第 2 条" in report.summary()


def test_a_changed_and_rehashed_entry_breaks_the_next_link() -> None:
    entries = chain()
    forged = replace(entries[1], description="伪造")
    entries[1] = replace(forged, entry_hash=entry_hash(forged))
    report = verify_chain(entries, intact(entries))
    assert report.first is not None
    assert (report.first.seq, report.first.kind) == (3, KIND_BROKEN_LINK)


def test_a_dropped_entry_is_named_by_its_missing_number() -> None:
    entries = chain()
    del entries[1]
    report = verify_chain(entries, intact(entries))
    assert report.first is not None
    assert (report.first.seq, report.first.kind) == (2, KIND_MISSING_ENTRY)


def test_a_dropped_first_entry_is_named() -> None:
    entries = chain()[1:]
    report = verify_chain(entries, intact(entries))
    assert report.first is not None
    assert (report.first.seq, report.first.kind) == (1, KIND_MISSING_ENTRY)


def test_missing_and_altered_files_are_named() -> None:
    entries = chain()
    hashes = intact(entries)
    hashes[entries[0].file_sha256] = None
    hashes[entries[2].file_sha256] = sha(b"pdf three, one byte changed")
    report = verify_chain(entries, hashes)
    assert [(p.seq, p.kind) for p in report.problems] == [(1, KIND_MISSING_FILE), (3, KIND_ALTERED_FILE)]


def test_a_stub_in_place_of_an_entry_is_named_unless_an_old_bundle_allows_it() -> None:
    """The stub trick: keep seq and hashes, drop the content (and delete the file): the chain still links."""
    entries = chain()
    mixed: list[LedgerEntry | LedgerStub] = [
        entries[0],
        LedgerStub(entries[1].seq, entries[1].prev_hash, entries[1].entry_hash),
        entries[2],
    ]
    report = verify_chain(mixed, intact(entries))
    assert report.first is not None and (report.first.seq, report.first.kind) == (2, KIND_STUB)
    assert verify_chain(mixed, intact(entries), stubs_allowed={2}).ok  # a version 1 bundle's other cases
    mixed[1] = LedgerStub(2, entries[1].prev_hash, "f" * 64)
    report = verify_chain(mixed, intact(entries), stubs_allowed={2})
    assert report.first is not None and (report.first.seq, report.first.kind) == (3, KIND_BROKEN_LINK)


def test_an_entry_of_the_first_format_hashes_as_it_always_did() -> None:
    """Hand-written: the first format's canonical JSON, sorted keys, no spaces; the fields added later
    (kind, redacts, reason, origin) are left out while unset, so old ledgers verify unchanged."""
    body = (
        '{"case_id":"case-1","contact_id":"","debt_id":"","description":"x","file_sha256":"' + "a" * 64 + '",'
        '"media_type":"text/plain","name":"","prev_hash":"'
        + GENESIS
        + '","recorded_at":"2026-11-01T21:30:00+08:00",'
        '"seq":1,"size":1}'
    )
    entry = append(
        [],
        file_sha256="a" * 64,
        size=1,
        media_type="text/plain",
        recorded_at="2026-11-01T21:30:00+08:00",
        description="x",
        case_id="case-1",
    )
    assert canonical_json(entry) == body.encode()
    assert entry.entry_hash == hashlib.sha256(body.encode()).hexdigest()
    assert "kind" not in entry_to_dict(entry)


def test_a_redaction_is_appended_and_lets_the_file_go() -> None:
    entries: list[LedgerEntry | LedgerStub] = list(chain())
    entries.append(redaction(entries, 2, reason="传错了文件", recorded_at="2026-11-05T10:00:00+08:00"))
    withdrawn = entries[-1]
    assert isinstance(withdrawn, LedgerEntry)
    assert (withdrawn.seq, withdrawn.kind, withdrawn.redacts) == (4, REDACTION, 2)
    assert withdrawn.file_sha256 == entries[1].file_sha256 and withdrawn.prev_hash == entries[2].entry_hash
    assert [e.seq for e in live_files(entries)] == [1, 3]
    hashes = intact([e for e in entries if isinstance(e, LedgerEntry)])
    hashes[withdrawn.file_sha256] = None  # the file was deleted after the redaction
    assert verify_chain(entries, hashes).ok
    with pytest.raises(ValidationError):
        redaction(entries, 2, reason="again", recorded_at="2026-11-05T10:00:00+08:00")  # already withdrawn
    with pytest.raises(ValidationError):
        redaction(entries, 1, reason="  ", recorded_at="2026-11-05T10:00:00+08:00")  # no reason


def test_a_redaction_that_points_at_another_file_is_named() -> None:
    entries = list(chain())
    bad = redaction(entries, 2, reason="x", recorded_at="2026-11-05T10:00:00+08:00")
    forged = replace(bad, redacts=1)
    entries.append(replace(forged, entry_hash=entry_hash(forged)))
    report = verify_chain(entries, intact(entries))
    assert report.first is not None and (report.first.seq, report.first.kind) == (4, KIND_BAD_REDACTION)


def test_a_migration_entry_closes_copied_entries() -> None:
    entries = list(chain())
    closing = migration(
        entries,
        description="moved",
        origin=f"shared:9:{'c' * 64}",
        recorded_at="2026-12-01T00:00:00+08:00",
        case_id="k",
    )
    assert (closing.seq, closing.file_sha256) == (4, GENESIS)
    assert verify_chain([*entries, closing], intact(entries)).ok


def test_the_head_against_an_exact_anchor() -> None:
    """The database's anchor: 3 entries and the third's hash. Fewer entries, a rewritten chain and entries the
    anchor does not know are each named."""
    entries = chain()
    good = Anchor(3, entries[2].entry_hash, "数据库")
    assert check_head(entries, good) == []
    (cut,) = check_head(entries[:2], good)
    assert (cut.seq, cut.kind) == (3, KIND_ANCHOR) and "只有 2 条" in cut.message
    (rewritten,) = check_head(chain([b"a", b"b", b"c"]), good)
    assert rewritten.kind == KIND_ANCHOR and "被改写" in rewritten.message
    (extra,) = check_head(entries, Anchor(2, entries[1].entry_hash, "数据库"))
    assert (extra.seq, extra.kind) == (3, KIND_UNCOMMITTED)
    assert check_head([], Anchor(0, GENESIS, "数据库")) == []


def test_a_pinned_head_holds_while_the_ledger_grows_and_fails_once_history_changes() -> None:
    entries = chain()
    printed = entries[1].entry_hash  # on a letter made when the ledger had 2 entries
    assert check_pinned(entries, printed) == []
    assert check_pinned(entries, printed[:16].upper(), count=2) == []
    assert check_pinned(entries, printed, count=3) != []
    backdated = chain([FILES[0], b"forged", FILES[2]])  # entry 2 swapped and the chain recomputed
    (problem,) = check_pinned(backdated, printed)
    assert problem.kind == KIND_ANCHOR and printed[:16] in problem.message


def test_stored_form_round_trips_and_rejects_added_keys() -> None:
    entries = chain()
    for entry in [*entries, LedgerStub(9, "a" * 64, "b" * 64)]:
        assert entry_from_dict(entry_to_dict(entry)) == entry
    data = entry_to_dict(entries[0]) | {"extra": "smuggled"}
    with pytest.raises(ValidationError) as info:
        entry_from_dict(data, "ledger[1]")
    assert info.value.errors[0].path == "ledger[1].extra"
    with pytest.raises(ValidationError):
        entry_from_dict(entry_to_dict(entries[0]) | {"size": "12"})


def test_append_rejects_bad_hash_and_time() -> None:
    with pytest.raises(ValidationError):
        append(
            [], file_sha256="xyz", size=1, media_type="text/plain", recorded_at="2026-11-01", description=""
        )
    with pytest.raises(ValidationError):
        append([], file_sha256="a" * 64, size=1, media_type="text/plain", recorded_at="昨天", description="")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.binary(min_size=1, max_size=20), min_size=1, max_size=6),
    st.data(),
)
def test_any_single_field_change_is_detected_at_that_entry(files: list[bytes], data: st.DataObject) -> None:
    entries = chain(files)
    index = data.draw(st.integers(0, len(entries) - 1))
    new_description = data.draw(st.text(min_size=1, max_size=10))
    if new_description == entries[index].description:
        return
    entries[index] = replace(entries[index], description=new_description)
    report = verify_chain(entries, intact(entries))
    assert report.first is not None and report.first.seq == index + 1
