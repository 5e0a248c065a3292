"""The reminder mail over a real SMTP server on loopback (aiosmtpd, started by the test) through Django's SMTP
backend as the XIESHANG_SMTP_* settings configure it; and ``xieshang remind --stored`` from the shell."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from xieshang.web.mail import email_settings

from .test_reminder_mail import DAY


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_the_mail_arrives_at_a_real_smtp_server(opted_in, settings, smtp_server):
    from xieshang.contacts.mailing import run_day

    controller, inbox = smtp_server
    configured = email_settings(
        {"host": "127.0.0.1", "port": str(controller.port), "tls": "none", "from": "xieshang@example.org"}
    )
    for key, value in configured.items():
        setattr(settings, key, value)
    assert run_day(DAY).items == 1
    assert len(inbox.messages) == 1
    received = message_from_bytes(inbox.messages[0], policy=policy.default)
    assert received["To"] == "li@example.org" and received["From"] == "xieshang@example.org"
    assert "¥1,110.00" in received.get_content()
    assert run_day(DAY).items == 0 and len(inbox.messages) == 1


def test_remind_stored_from_the_shell(tmp_path):
    """A fresh installation: nothing to mail; --send without SMTP settings is refused with their name."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XIESHANG_", "DATABASE_URL"))}
    env["XIESHANG_DATA_DIR"] = str(tmp_path / "data")
    command = [str(Path(sys.executable).with_name("xieshang")), "remind", "--stored"]
    listed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "没有要发的邮件提醒" in listed.stdout
    refused = subprocess.run([*command, "--send"], env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "XIESHANG_SMTP_HOST" in refused.stderr
