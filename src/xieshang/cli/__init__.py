"""The ``xieshang`` command. Each subject has its own module; this one only assembles them.

Every command: bad input → exit code 2 and one message naming the field and the problem; never a traceback.
"""

from __future__ import annotations

import sys
from importlib import import_module

import typer

from xieshang.core.errors import XieshangError

from .common import fail

app = typer.Typer(
    name="xieshang",
    help="协商 Xieshang：帮助借款人了解债务、与债权人协商还款。 A workbench for negotiating repayment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Subcommands register here, one line each (``from . import calc`` then ``app.add_typer(...)``).
# --- registrations ---
app.command("serve")(import_module(".serve", __package__).serve)
app.command("link")(import_module(".serve", __package__).link)
app.command("worker")(import_module(".serve", __package__).worker)
app.command("demo")(import_module(".demo", __package__).demo)
app.add_typer(import_module(".case", __package__).app)
import_module(".case", __package__).app.command("export")(import_module(".complete", __package__).export_case)
import_module(".case", __package__).app.command("import")(import_module(".complete", __package__).import_case)
app.add_typer(import_module(".calc", __package__).app)
app.command("import")(import_module(".imports", __package__).import_files)
app.add_typer(import_module(".docs", __package__).app)
app.add_typer(import_module(".evidence", __package__).app)
app.add_typer(import_module(".files", __package__).app)
app.command("remind")(import_module(".remind", __package__).remind)
app.command("backup")(import_module(".backup", __package__).backup)
app.command("restore")(import_module(".backup", __package__).restore)


def main() -> None:
    """Entry point: turns every domain error into one line on stderr and exit code 2."""
    try:
        app()
    except XieshangError as error:
        fail(str(error))
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
