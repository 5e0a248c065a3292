"""A real S3-compatible server for the tests: moto's server mode, over HTTP on loopback, started once per test
session; the app talks to it through django-storages as it would to a cloud's object storage (Alibaba OSS,
Tencent COS, Huawei OBS, MinIO …). ``storage_kind`` runs a test module's tests twice: with the app's files in the
data directory, and on that server (a bucket of their own, emptied and removed after each test)."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator

import pytest

ACCESS = {"access_key": "xieshang-test", "secret_key": "xieshang-test-secret"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _client(endpoint: str):  # type: ignore[no-untyped-def]
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="cn-north-1",
        aws_access_key_id=ACCESS["access_key"],
        aws_secret_access_key=ACCESS["secret_key"],
    )


@pytest.fixture(params=["local", "s3"])
def storage_kind(request, settings) -> Iterator[str]:
    if request.param == "local":  # the data directory of this test (the configured one is shared by all)
        folder = request.getfixturevalue("tmp_path") / "files"
        settings.STORAGES = {
            **settings.STORAGES,
            "xieshang": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {
                    "location": str(folder),
                    "file_permissions_mode": 0o600,
                    "directory_permissions_mode": 0o700,
                },
            },
        }
        yield "local"
        return
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = f"xieshang-{secrets.token_hex(4)}"
    client = _client(endpoint)
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "cn-north-1"})
    settings.STORAGES = {
        **settings.STORAGES,
        "xieshang": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "cn-north-1",
                "location": "xieshang",
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": True,
                "signature_version": "s3v4",
                **ACCESS,
            },
        },
    }
    yield "s3"
    objects = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


def bucket_keys(settings) -> list[str]:  # type: ignore[no-untyped-def]
    """Every object name in the test's bucket (under the app's prefix)."""
    options = settings.STORAGES["xieshang"]["OPTIONS"]
    listing = _client(options["endpoint_url"]).list_objects_v2(Bucket=options["bucket_name"])
    return sorted(item["Key"] for item in listing.get("Contents", []))


def tamper_blob(store, sha256: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """An attacker replacing a stored file where it lives: on disk, or the object in the bucket."""
    if store.local:
        store.blob_path(sha256).write_bytes(data)
    else:
        from django.core.files.base import ContentFile

        store.storage.save(store._blob(sha256), ContentFile(data))


def tamper_ledger(store, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """An attacker rewriting the ledger file (or object)."""
    if store.local:
        store.ledger_path.write_bytes(data)
    else:
        from django.core.files.base import ContentFile

        store.storage.save(store.ledger_name, ContentFile(data))
