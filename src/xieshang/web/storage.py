"""Where the app's files live: ``STORAGES["xieshang"]`` from the settings.

- ``XIESHANG_STORAGE=local`` (the default): the data directory, files ``0600`` in ``0700`` directories.
- ``XIESHANG_STORAGE=s3``: an S3-compatible object store through django-storages (Alibaba Cloud OSS, Tencent
  Cloud COS, Huawei OBS, MinIO, Ceph … all speak the protocol): bucket, endpoint, keys and a key prefix from the
  ``XIESHANG_S3_*`` settings. Objects are private (no ACL, no public URLs); the app reads them through its own
  pages, never by redirecting a browser to the store.

Evidence and material files, the evidence ledgers, generated documents and backups all go through this storage
(:mod:`xieshang.cases.file_areas`), so moving to object storage is configuration only.
"""

from __future__ import annotations

from typing import Any

from .config import Config, ConfigError


def file_storage(config: Config) -> dict[str, Any]:
    if config.storage == "local":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(config.data_dir),
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    s3 = config.s3
    if not s3.get("bucket"):
        raise ConfigError("XIESHANG_S3_BUCKET: XIESHANG_STORAGE=s3 需要存储桶名 needs a bucket")
    if s3.get("addressing") not in ("virtual", "path"):
        raise ConfigError("XIESHANG_S3_ADDRESSING: 应为 virtual 或 path")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": s3["bucket"],
            "endpoint_url": s3.get("endpoint_url") or None,
            "region_name": s3.get("region") or None,
            "access_key": s3.get("access_key") or None,
            "secret_key": s3.get("secret_key") or None,
            "location": s3.get("prefix", ""),
            "addressing_style": s3["addressing"],
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": True,
            "signature_version": "s3v4",
        },
    }
