"""``xieshang remind --stored [--send]``: the e-mailed reminders of the cases stored on the server, by hand or
from cron: list what today's run would mail, or run it now (the same run the workers queue daily, with the same
claims: it never mails an item a worker mailed today, nor the other way round)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import data_dir, fail


def remind_stored(send: bool, data_dir_option: Path | None, as_json: bool) -> None:
    from xieshang.web.config import ConfigError
    from xieshang.web.server import prepare, setup_django

    try:
        setup_django(data_dir(data_dir_option))
    except ConfigError as error:
        fail(str(error))
    prepare()
    from django.conf import settings
    from django.utils import timezone

    from xieshang.contacts.mailing import pending, run_day

    from .common import print_json

    day = timezone.localdate()
    if not send:
        due = pending(day)
        if as_json:
            print_json([{"case": case.pk, "items": len(items)} for case, items in due])
        elif not due:
            typer.echo(f"{day:%Y-%m-%d} 没有要发的邮件提醒。 No reminder mail due.")
        for case, items in [] if as_json else due:
            typer.echo(f"案件 Case {case.pk}: {len(items)} 项 item(s)")
        return
    if not getattr(settings, "EMAIL_CONFIGURED", False):
        fail("发送邮件需要设置 XIESHANG_SMTP_HOST 等 (SMTP settings missing, see docs/operators.md)")
    report = run_day(day)
    if as_json:
        print_json(report.as_json())
    else:
        typer.echo(f"已发送 Sent {len(report.sent)} 封邮件 mail(s), {report.items} 项 item(s)")
    if report.failed:
        typer.echo(f"错误 Error: 案件 {', '.join(map(str, report.failed))} 的邮件发送失败 failed", err=True)
        raise typer.Exit(1)
