"""A small HTTP client for tests against a real server (Django's live server or ``xieshang serve``): a signed-in
session cookie, the CSRF token, form and multipart POSTs, and no following of redirects (a 302 is the answer)."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.test import Client


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    location: str = ""


class Browser:
    """Requests as one signed-in person: ``Browser(base_url, user)``."""

    def __init__(self, base_url: str, user: object, timeout: float = 60.0) -> None:
        client = Client()
        client.force_login(user)
        self.base = base_url.rstrip("/")
        self.csrf = secrets.token_hex(16)  # 32 characters: a token Django accepts as it is
        self.cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={self.csrf}"
        self.timeout = timeout
        self.opener = urllib.request.build_opener(_NoRedirect)

    def _send(self, request: urllib.request.Request) -> Answer:
        request.add_header("Cookie", self.cookie)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), error.headers.get("Location", ""))

    def get(self, path: str) -> Answer:
        return self._send(urllib.request.Request(self.base + path))

    def post(
        self,
        path: str,
        fields: Mapping[str, str | Sequence[str]],
        files: Sequence[tuple[str, str, bytes]] = (),
    ) -> Answer:
        """A form POST (multipart when ``files``: (field, file name, bytes)) with the CSRF token."""
        if files:
            boundary = secrets.token_hex(12)
            body = _multipart(boundary, fields, files)
            kind = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            kind = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", kind)
        request.add_header("X-CSRFToken", self.csrf)
        return self._send(request)


def _multipart(
    boundary: str, fields: Mapping[str, str | Sequence[str]], files: Sequence[tuple[str, str, bytes]]
) -> bytes:
    parts: list[bytes] = []
    for name, value in fields.items():
        for one in [value] if isinstance(value, str) else value:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode()
            )
    for name, filename, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)
