"""A large Alipay bill made from the layout of the real sample (tests/fixtures/bills/history, see PROVENANCE.md):
its header and footer, ``rows`` payment rows with distinct order numbers spread over two years. For the tests of
long imports (background jobs, kill drills); the figures are invented."""

from __future__ import annotations

from datetime import datetime, timedelta

from .full_case import BILL


def big_bill(rows: int) -> bytes:
    text = BILL.read_bytes().decode("gbk")
    lines = text.splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("收/支"))
    first_row = header_at + 1
    last_row = max(i for i, line in enumerate(lines) if line.startswith(("支出", "收入", "其他")))
    start = datetime(2023, 1, 1, 8, 0, 0)  # noqa: DTZ001 - bills show naive local times
    body = []
    for n in range(rows):
        when = start + timedelta(minutes=5 * n)
        amount = f"{(n % 9000) / 100 + 1:.2f}"
        body.append(
            f"支出,商户{n % 500},,商品{n},余额,{amount},交易成功,日用百货,{2023000000000 + n}\t,M{n}\t,"
            f"{when:%Y-%m-%d %H:%M:%S},"
        )
    out = [*lines[:first_row], *body, *lines[last_row + 1 :]]
    return ("\r\n".join(out) + "\r\n").encode("gbk")
