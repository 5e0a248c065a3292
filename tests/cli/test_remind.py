"""``xieshang remind``: lists due reminders for a case file and sends them to a real local SMTP server."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar
from typer.testing import CliRunner

from xieshang.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-case.yaml"  # no contacts of its own
CONTACTS = """
contacts:
  - id: c1
    debt: xiaofei
    creditor: 某某消费金融有限公司
    when: "2026-11-25 10:00"
    channel: 电话
    direction: outgoing
    summary: 说明失业情况，请求停息挂账
    our_promises: 提交困难证明
    follow_up: 2026-12-02
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + CONTACTS, encoding="utf-8")
    return path


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def smtp_env(port: int) -> dict[str, str]:
    return {
        "XIESHANG_SMTP_HOST": "127.0.0.1",
        "XIESHANG_SMTP_PORT": str(port),
        "XIESHANG_SMTP_FROM": "xieshang@example.com",
        "XIESHANG_SMTP_TO": "zhangsan@example.com, helper@example.com",
        "XIESHANG_SMTP_TLS": "none",
    }


def test_lists_follow_ups_payments_and_silence(case_file: Path) -> None:
    result = runner.invoke(app, ["remind", str(case_file), "--as-of", "2026-11-28", "--days", "7"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("2026-12-02  跟进 某某消费金融有限公司：提交困难证明") for line in lines)
    assert any(line.startswith("2026-12-01  某某消费金融有限公司 第 12 期还款") for line in lines)
    assert any("王某某（个人）：逾期" in line for line in lines)  # never contacted
    assert not any("某某消费金融有限公司：逾期" in line for line in lines)  # contacted 3 days ago


def test_writes_an_ics_calendar(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "reminders.ics"
    result = runner.invoke(app, ["remind", str(case_file), "--days", "30", "--ics", str(out), "--json"])
    assert result.exit_code == 0, result.output
    starts = {e.decoded("dtstart").isoformat() for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert "2026-12-02" in starts and "2026-12-01" in starts


def test_send_delivers_one_mail_to_a_local_smtp_server(case_file: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    result = runner.invoke(app, ["remind", str(case_file), "--days", "7", "--send"], env=smtp_env(port))
    assert result.exit_code == 0, result.output
    assert "已发送" in result.output
    for _ in range(50):  # the server thread hands the message over asynchronously
        if inbox.messages:
            break
        time.sleep(0.05)
    ((sender, recipients, content),) = inbox.messages
    assert sender == "xieshang@example.com"
    assert recipients == ["zhangsan@example.com", "helper@example.com"]
    message = message_from_bytes(content, policy=default)
    assert "协商提醒" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "跟进 某某消费金融有限公司" in body and "第 12 期还款" in body


def test_send_without_settings_is_bad_input_and_sends_nothing(case_file: Path) -> None:
    result = runner.invoke(app, ["remind", str(case_file), "--send"], env={"XIESHANG_SMTP_HOST": ""})
    assert result.exit_code == 2
    assert "XIESHANG_SMTP_HOST" in result.output


def test_unreachable_server_exits_1(case_file: Path) -> None:
    env = smtp_env(free_port())  # nothing listens there
    result = runner.invoke(app, ["remind", str(case_file), "--days", "7", "--send"], env=env)
    assert result.exit_code == 1
    assert "邮件发送失败" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--as-of", "28/11/2026"], "--as-of"), (["--negotiating", "nope"], "nope")],
)
def test_bad_options_are_exit_2(case_file: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["remind", str(case_file), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_bad_contact_in_the_case_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + CONTACTS.replace("电话", "飞鸽"), encoding="utf-8")
    result = runner.invoke(app, ["remind", str(path)])
    assert result.exit_code == 2 and "contacts[0].channel" in result.output
