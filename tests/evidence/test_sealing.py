"""Files encrypted at rest (evidence/sealing.py) and key rotation (evidence/rotation.py, ``xieshang files``).

A stored evidence file on disk is AES-256-GCM ciphertext: it holds none of the file's bytes and opens with the
key only; rotation with a new key re-seals every file of every case and the ledgers still verify; the old
keys can then be retired. The command-line test runs the real ``xieshang`` in its own process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from xieshang.core.errors import ValidationError
from xieshang.evidence import rotation, sealing
from xieshang.evidence.store import EvidenceStore, write_private

RECORDING = b"ID3\x04\x00\x00\x00\x00\x00\x00" + "22:30 催收来电：再不还就打给你单位。".encode() * 3
TEXT = "2026-11-01 22:30 【某平台】您已逾期，再不还款将爆通讯录。\n".encode()


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory whose key file this process uses (the suite's own keys are put back afterwards)."""
    saved = (sealing.SOURCE.fixed, sealing.SOURCE.path, sealing.SOURCE._loaded)
    sealing.configure("", tmp_path / "file_keys")
    yield tmp_path
    sealing.SOURCE.fixed, sealing.SOURCE.path, sealing.SOURCE._loaded = saved


def _two_cases(data_dir: Path) -> tuple[EvidenceStore, EvidenceStore]:
    first = EvidenceStore.of_case(data_dir, "case-1")
    first.add(RECORDING, description="来电录音", name="call.mp3", recorded_at="2026-11-01T22:40:00+08:00")
    first.add(TEXT, description="短信", name="sms.txt", recorded_at="2026-11-01T22:41:00+08:00")
    second = EvidenceStore.of_case(data_dir, "case-2")
    second.add(
        TEXT + b"2", description="另一条短信", name="sms2.txt", recorded_at="2026-11-02T09:00:00+08:00"
    )
    return first, second


def test_a_stored_file_on_disk_is_not_readable_without_the_key(data_dir: Path) -> None:
    first, _ = _two_cases(data_dir)
    entry = first.entries()[0]
    on_disk = first.blob_path(entry.file_sha256).read_bytes()
    assert on_disk[:4] == b"XSE1"
    assert "催收来电".encode() not in on_disk and b"ID3" not in on_disk
    assert len(on_disk) == len(RECORDING) + 4 + 8 + 12 + 16  # header, key id, nonce, tag: nothing else added
    assert first.read(entry.file_sha256) == RECORDING  # with the key
    stranger = sealing.Keyring((os.urandom(32),))
    with pytest.raises(sealing.SealError):
        stranger.open(on_disk, entry.file_sha256)
    moved = first.blob_path(first.entries()[1].file_sha256).name  # the same bytes under another file's name
    with pytest.raises(sealing.SealError):
        sealing.keyring().open(on_disk, moved)
    assert (data_dir / "file_keys").stat().st_mode & 0o777 == 0o600


def test_rotation_reseals_every_file_of_every_case_and_the_ledgers_still_verify(data_dir: Path) -> None:
    first, second = _two_cases(data_dir)
    old_ring = sealing.keyring()
    before = {p: p.read_bytes() for p in rotation.stored_files(data_dir)}
    assert len(before) == 3

    rotation.add_key(data_dir)
    ring = sealing.keyring()
    assert len(ring.keys) == 2 and ring.keys[1] == old_ring.keys[0]
    assert not any(ring.is_current(b) for b in before.values())  # nothing is on the new key yet, all open
    assert first.verify().ok and second.verify().ok

    done = rotation.reseal_all(data_dir)
    assert (done.files, done.resealed, done.unreadable) == (3, 3, ())
    for path, old in before.items():
        now = path.read_bytes()
        assert now != old and ring.is_current(now)
    assert first.verify().ok and second.verify().ok
    assert first.read(first.entries()[0].file_sha256) == RECORDING

    again = rotation.reseal_all(data_dir)  # a second run has nothing to do
    assert (again.files, again.resealed) == (3, 0)

    assert rotation.retire_old_keys(data_dir) == 1
    assert sealing.keyring().keys == (ring.keys[0],)
    assert first.verify().ok and second.verify().ok
    with pytest.raises(sealing.SealError):  # the retired key no longer opens anything
        old_ring.open(next(iter(before)).read_bytes(), next(iter(before)).name)


def test_retiring_is_refused_while_a_file_still_needs_an_old_key(data_dir: Path) -> None:
    _two_cases(data_dir)
    rotation.add_key(data_dir)
    with pytest.raises(ValidationError):
        rotation.retire_old_keys(data_dir)
    assert len(sealing.keyring().keys) == 2


def test_a_file_stored_before_encryption_is_sealed_by_rotation(data_dir: Path) -> None:
    first, _ = _two_cases(data_dir)
    sha = first.entries()[1].file_sha256
    write_private(first.blob_path(sha), TEXT)  # as an older release wrote it: the plain bytes
    assert first.read(sha) == TEXT and first.verify().ok
    done = rotation.reseal_all(data_dir)
    assert done.resealed == 1  # only that file; the others are on the current key already
    assert first.blob_path(sha).read_bytes()[:4] == b"XSE1" and first.read(sha) == TEXT


def test_a_changed_sealed_file_is_reported_and_left_alone(data_dir: Path) -> None:
    first, _ = _two_cases(data_dir)
    path = first.blob_path(first.entries()[0].file_sha256)
    damaged = bytearray(path.read_bytes())
    damaged[-1] ^= 1
    path.write_bytes(bytes(damaged))
    rotation.add_key(data_dir)
    done = rotation.reseal_all(data_dir)
    assert done.resealed == 2 and len(done.unreadable) == 1 and path.name in done.unreadable[0]
    assert path.read_bytes() == bytes(damaged)
    assert not first.verify().ok  # verify names it as changed, as before the rotation


XIESHANG = str(Path(sys.executable).with_name("xieshang"))


def test_the_rotate_command_reseals_in_its_own_process(data_dir: Path) -> None:
    first, _ = _two_cases(data_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    done = subprocess.run(
        [XIESHANG, "files", "rotate", "--new-key", "--retire", "--json", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"resealed": 3' in done.stdout and '"keys_retired": 1' in done.stdout
    assert len(sealing.keyring().keys) == 1  # this process sees the changed key file without a restart
    assert first.verify().ok and first.read(first.entries()[0].file_sha256) == RECORDING
