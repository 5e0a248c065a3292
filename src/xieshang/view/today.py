"""The one rule for "today": the day the figures of a case are computed for.

A case's own ``as_of`` wins (a case file can be dated); otherwise it is today's date in China (Asia/Shanghai),
the borrower's calendar, whether the page, the command line or the API asks. Only this module reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def today() -> date:
    """Today's date in China."""
    return datetime.now(tz=CHINA).date()


def day_for(case_as_of: date | None, given: date | None = None) -> date:
    """The day to compute for: ``given`` (an ``--as-of`` option), else the case's own date, else today."""
    return given or case_as_of or today()
