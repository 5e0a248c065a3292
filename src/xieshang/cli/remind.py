"""``xieshang remind FILE``: list the reminders due for a case file; ``--send`` emails them (for cron).
``xieshang remind --stored [--send]``: the same for the stored cases that opted in (:mod:`.remind_stored`).

The reminders are the case view's, as the web shows them: contract instalments, the plan's instalments to
creditors in negotiation (by each debt's status in the file, or ``--negotiating``), follow-ups, silence and
progress reports.

SMTP settings come from the environment:

    XIESHANG_SMTP_HOST      server (required with --send)
    XIESHANG_SMTP_PORT      port (default 587)
    XIESHANG_SMTP_USER      login, if the server needs one
    XIESHANG_SMTP_PASSWORD  password for the login
    XIESHANG_SMTP_FROM      sender address (required with --send)
    XIESHANG_SMTP_TO        recipients, comma-separated (required with --send)
    XIESHANG_SMTP_TLS       starttls | ssl | none (default: ssl on port 465, starttls on 587, else none)

Exit codes: 0 done (also when nothing is due), 1 the mail could not be sent, 2 bad input.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from xieshang.core.errors import XieshangError
from xieshang.web.mail import smtp_tls

from .common import DATA_DIR_HELP, fail, money_json, print_json
from .loading import load_view

SMTP_ENV = ("HOST", "PORT", "USER", "PASSWORD", "FROM", "TO", "TLS")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    to: tuple[str, ...]
    tls: str


def smtp_settings(env: dict[str, str] | None = None) -> SmtpSettings:
    """Read and check the ``XIESHANG_SMTP_*`` variables; a missing one is named in the error."""
    values = {
        k: (env if env is not None else os.environ).get(f"XIESHANG_SMTP_{k}", "").strip() for k in SMTP_ENV
    }
    missing = [f"XIESHANG_SMTP_{k}" for k in ("HOST", "FROM", "TO") if not values[k]]
    if missing:
        raise XieshangError(f"发送邮件需要设置环境变量 {', '.join(missing)} (SMTP settings missing)")
    try:
        port = int(values["PORT"] or 587)
    except ValueError:
        raise XieshangError(f"XIESHANG_SMTP_PORT 必须是端口号，而不是 {values['PORT']!r}") from None
    tls = smtp_tls(port, values["TLS"])
    if tls not in ("starttls", "ssl", "none"):
        raise XieshangError("XIESHANG_SMTP_TLS 只能是 starttls、ssl 或 none")
    recipients = tuple(a.strip() for a in values["TO"].split(",") if a.strip())
    return SmtpSettings(
        values["HOST"], port, values["USER"], values["PASSWORD"], values["FROM"], recipients, tls
    )


def send_mail(settings: SmtpSettings, message: object) -> None:
    from email.message import EmailMessage

    assert isinstance(message, EmailMessage)
    context = ssl.create_default_context()
    smtp_class = smtplib.SMTP_SSL if settings.tls == "ssl" else smtplib.SMTP
    kwargs = {"context": context} if settings.tls == "ssl" else {}
    with smtp_class(settings.host, settings.port, timeout=30, **kwargs) as server:  # type: ignore[arg-type]
        if settings.tls == "starttls":
            server.starttls(context=context)
        if settings.user:
            server.login(settings.user, settings.password)
        server.send_message(message, from_addr=settings.sender, to_addrs=list(settings.to))


def remind(
    file: Annotated[Path | None, typer.Argument(help="案件文件 Case file (YAML or JSON)")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="日期 Date (default: the case's as_of, else today)")
    ] = None,
    days: Annotated[int, typer.Option("--days", min=0, help="往后看几天 Days ahead to include")] = 14,
    silence_days: Annotated[
        int, typer.Option("--silence-days", min=1, help="逾期且多少天未联系即提醒 Days without contact")
    ] = 7,
    negotiating: Annotated[
        list[str] | None,
        typer.Option("--negotiating", help="协商中的债务编号（每月汇报）Debt ids in negotiation"),
    ] = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="同时导出日历 Also write an .ics calendar")
    ] = None,
    send: Annotated[bool, typer.Option("--send", help="通过 SMTP 发送邮件 Email the reminders")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    stored: Annotated[
        bool, typer.Option("--stored", help="服务器上选了邮件提醒的案件 The stored cases that opted in")
    ] = False,
    data_dir_option: Annotated[Path | None, typer.Option("--data-dir", help=DATA_DIR_HELP)] = None,
) -> None:
    """列出到期提醒：还款日、跟进、久未联系、还款情况汇报。 List (and email) due reminders."""
    if stored:
        if file is not None:
            fail("--stored 处理服务器上的案件，不能同时给出案件文件 (--stored takes no case file)")
        from .remind_stored import remind_stored

        remind_stored(send, data_dir_option, as_json)
        return
    if file is None:
        fail("请给出案件文件，或用 --stored 处理服务器上的案件 (give a case file, or --stored)")
    try:
        settings = smtp_settings() if send else None  # check settings before doing any work
    except XieshangError as error:
        fail(str(error))
    view = load_view(file, as_of)
    day = view.as_of
    unknown = sorted(set(negotiating or ()) - {loan.id for loan in view.case.debts})
    if unknown:
        fail(f"--negotiating: 案件中没有债务 {', '.join(unknown)}")
    try:
        reminders = view.reminders(days, silence_days, negotiating=negotiating)
    except XieshangError as error:
        fail(str(error))
    if ics is not None:
        from xieshang.documents.ics import reminders_ics

        try:
            ics.write_bytes(reminders_ics(reminders))
        except OSError as error:
            fail(f"{ics}: 无法写入 ({error.strerror})")
    if as_json:
        print_json(
            [
                {
                    "date": r.date.isoformat(),
                    "kind": r.kind.value,
                    "debt_id": r.debt_id,
                    "creditor": r.creditor,
                    "amount": money_json(r.amount) if r.amount is not None else None,
                    "title_zh": r.title_zh,
                    "title_en": r.title_en,
                }
                for r in reminders
            ]
        )
    elif not reminders:
        typer.echo(f"{day:%Y-%m-%d} 起 {days} 天内没有到期提醒。 Nothing due.")
    else:
        for r in reminders:
            typer.echo(f"{r.date:%Y-%m-%d}  {r.title_zh}")
    if settings is None or not reminders:
        return
    from xieshang.documents.eml import reminder_message

    message = reminder_message(reminders, day, sender=settings.sender, to=settings.to)
    try:
        send_mail(settings, message)
    except (OSError, smtplib.SMTPException) as error:
        typer.echo(f"错误 Error: 邮件发送失败 ({settings.host}:{settings.port})：{error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"已发送 Sent {len(reminders)} 项提醒至 {', '.join(settings.to)}", err=as_json)
