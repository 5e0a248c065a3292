"""Emails as .eml files (RFC 5322 / MIME) with the stdlib ``email`` package.

:func:`progress_eml` builds the progress report email with its receipts attached; the user opens it in a mail
program to send, or ``xieshang remind --send`` sends reminder mails over SMTP (:func:`reminder_message`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from xieshang.core.progress import ProgressReport, email_body, email_subject
from xieshang.core.vocabulary import ReminderKind
from xieshang.view import Reminder

_MAIL_DOMAIN = "xieshang.invalid"


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    media_type: str = "application/octet-stream"


def header_text(value: str) -> str:
    """``value`` fit for a mail header: line breaks and other control or direction-override characters (which
    would end the header or start a forged one) become spaces; runs of spaces become one."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in value)
    return " ".join(cleaned.split())


def _message(subject: str, body: str, sender: str, to: Sequence[str], when: datetime | None) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_text(subject)
    message["From"] = header_text(sender)
    message["To"] = ", ".join(header_text(address) for address in to)
    message["Date"] = format_datetime(when or datetime.now().astimezone())
    message["Message-ID"] = make_msgid(domain=_MAIL_DOMAIN)
    message["X-Mailer"] = "Xieshang"
    message.set_content(body, charset="utf-8")
    return message


def progress_message(
    report: ProgressReport,
    *,
    sender: str,
    to: Sequence[str],
    receipts: Iterable[Attachment] = (),
    when: datetime | None = None,
) -> EmailMessage:
    """The progress report email, one attachment per receipt file."""
    message = _message(email_subject(report), email_body(report), sender, to, when)
    for attachment in receipts:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=header_text(attachment.filename),
        )
    return message


def progress_eml(
    report: ProgressReport,
    *,
    sender: str,
    to: Sequence[str],
    receipts: Iterable[Attachment] = (),
    when: datetime | None = None,
) -> bytes:
    """The .eml bytes of :func:`progress_message`."""
    return progress_message(report, sender=sender, to=to, receipts=receipts, when=when).as_bytes()


def reminder_message(
    reminders: Sequence[Reminder],
    as_of: date,
    *,
    sender: str,
    to: Sequence[str],
    when: datetime | None = None,
) -> EmailMessage:
    """One email listing the reminders due (what ``xieshang remind --send`` sends)."""
    urgent = sum(1 for r in reminders if r.kind in (ReminderKind.SILENCE, ReminderKind.PAYMENT_DUE))
    subject = f"协商提醒：{len(reminders)} 项待办（{as_of:%Y-%m-%d}）"
    lines = [f"截至 {as_of:%Y年%m月%d日}，以下事项需要处理（其中 {urgent} 项涉及还款或久未联系）：", ""]
    for r in reminders:
        lines.append(f"- {r.date:%Y-%m-%d}  {r.title_zh}")
        if r.detail_zh:
            lines.append(f"    {r.detail_zh}")
    lines += ["", "保持与债权人的联系，按时汇报还款情况。", "— 协商 Xieshang", ""]
    return _message(subject, "\n".join(lines), sender, to, when)
