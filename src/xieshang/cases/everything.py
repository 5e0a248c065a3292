"""The archive of "download everything about me": every case the account owns, and nothing else.

Per case, a folder ``<n>-case-<pk>/`` with the case file (``case.yaml``, full numbers: the person asks for
their own data) and what each app registers (``cases.extensions.register_case_export``: the evidence bundle
with every evidence and material file, the ledger and the 证据目录; the document history), and at the top the
audit log of those cases and a ``README.txt`` saying what is inside. It is built on the case-file export and
the files; the complete case export of a later release (bills, rules, settings) will replace the case file.
"""

from __future__ import annotations

import io
import zipfile

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from xieshang.audit.log import csv_bytes, for_owner

from .convert import case_file_yaml
from .extensions import case_exports
from .models import Case

README = """协商 Xieshang · 我的全部资料 / Everything about me
导出时间 Exported: {when}
账号 Account: {user}
案件 Cases: {count}

每个案件一个文件夹 One folder per case:
  case.yaml       案件文件（可在协商里导入）The case file (imports into Xieshang)
  evidence.zip    证据包：证据和材料文件、证据账本、证据目录 Evidence bundle: files, ledger, index
  documents.csv   生成过的文书记录 The documents generated
audit.csv       这些案件的操作记录 The audit log of these cases
"""


def own_cases(user: AbstractBaseUser) -> list[Case]:
    return list(Case.objects.filter(owner_id=user.pk).order_by("pk"))


def everything_zip(user: AbstractBaseUser, cases: list[Case]) -> bytes:
    buffer = io.BytesIO()
    now = timezone.localtime()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(when=now.strftime("%Y-%m-%d %H:%M"), user=user.get_username(), count=len(cases)),
        )
        for number, case in enumerate(cases, start=1):
            folder = f"{number:02d}-case-{case.pk}"
            archive.writestr(f"{folder}/case.yaml", case_file_yaml(case, full_numbers=True))
            for filename, provider in case_exports().items():
                data = provider(case)
                if data is not None:
                    archive.writestr(f"{folder}/{filename}", data)
        archive.writestr("audit.csv", csv_bytes(for_owner(user.pk).filter(case_id__in=[c.pk for c in cases])))
    return buffer.getvalue()
