"""Run in a fresh process by test_upload_limits.py: every upload kind over its limit is refused before the body
is read. Prints one JSON object: per URL the status and the bytes the app read, and the peak memory (RSS)."""

from __future__ import annotations

import json
import os
import sys

BODY = 2 * 1024 * 1024 * 1024  # what the client claims to send (2 GB): over every limit


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike getrusage's ru_maxrss, not inherited from the
    process that forked it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


class Body:
    """A request body that would be 2 GB; counts what is read of it (nothing, if the limit holds)."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = BODY - self.read_bytes if size is None or size < 0 else min(size, BODY - self.read_bytes)
        self.read_bytes += size
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(min(size, 65536) if size and size > 0 else 65536)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xieshang.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from xieshang.accounts.users import local_owner
    from xieshang.cases.case_writes import import_case_text
    from xieshang.cases.demo import demo_text
    from xieshang.web.wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    owner = local_owner()
    case = import_case_text(owner, demo_text(), "demo.yaml")
    debt = case.debts.first()
    client = Client()
    client.force_login(owner)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    urls = {
        "casefile": reverse("case-import"),
        "payments": reverse("payment-import", args=[case.pk, debt.pk]),
        "bills": reverse("budget:upload", args=[case.pk]),
        "budget": reverse("budget:statement-import", args=[case.pk]),
        "evidence": reverse("contacts:evidence", args=[case.pk]),
        "contact": reverse("contacts:contact-create", args=[case.pk]),
        "materials": reverse("paperwork:item", args=[case.pk, "id_card"]),
        "form": reverse("case-edit", args=[case.pk]),  # a page without files: the general form limit
    }
    results = {}
    for kind, path in urls.items():
        body = Body()
        statuses: list[str] = []
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": cookie,
            "CONTENT_TYPE": "multipart/form-data; boundary=x",
            "CONTENT_LENGTH": str(BODY),
            "wsgi.input": body,
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        page = b"".join(
            application(environ, lambda status, headers, exc=None, seen=statuses: seen.append(status))
        )
        results[kind] = {
            "status": statuses[0],
            "read": body.read_bytes,
            "page": page.decode("utf-8", "replace"),
            "peak_mb": peak_mb(),
        }
    print(json.dumps({"results": results, "peak_mb": peak_mb()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
