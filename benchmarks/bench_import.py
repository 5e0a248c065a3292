"""Import and summarise a generated Alipay export (2023+ format, GBK): 1,000,000 rows (quick: 20,000).

Reports rows per second, peak memory (``VmHWM`` of a fresh process) and the ratio of our time to a bare ``csv``-module read of
the same file (decode + split into cells, nothing else).
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xieshang.core.categories import categorise
from xieshang.core.summary import summarise
from xieshang.importers.detect import import_bytes
from xieshang.importers.reference import category_map, known_lenders

HEADER = (
    "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,"
)
ROWS = [
    ("餐饮美食", "肯德基", "支出", "交易成功"),
    ("日用百货", "便利店", "支出", "交易成功"),
    ("交通出行", "滴滴出行", "支出", "交易成功"),
    ("转账红包", "张三", "收入", "交易成功"),
    ("信用借还", "花呗", "不计收支", "交易成功"),
    ("投资理财", "余额宝", "不计收支", "交易成功"),
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    preamble = [
        "-" * 40,
        "导出信息：",
        "姓名：测试",
        f"共{rows}笔记录",
        "",
        "-" * 24 + "支付宝（中国）网络技术有限公司  电子客户回单" + "-" * 24,
    ]
    with path.open("w", encoding="gbk", newline="") as out:
        out.write("\n".join(preamble) + "\n" + HEADER + "\n")
        for i in range(rows):
            cat, party, kind, status = ROWS[rng.randrange(len(ROWS))]
            desc = "花呗主动还款-账单" if party == "花呗" else "商品"
            amount = f"{rng.randrange(100, 50000) / 100:.2f}"
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 12:{i % 60:02d}:{(i // 60) % 60:02d}"
            out.write(f"{day},{cat},{party},/,{desc},{kind},{amount},余额,{status},2024{i:012d}\t,M{i}\t,,\n")


def run(quick: bool) -> list[dict[str, object]]:
    rows = 20_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "支付宝交易明细(20240101-20241231).csv"
        generate(path, rows)
        data = path.read_bytes()
        started = time.perf_counter()
        count = sum(1 for _ in csv.reader(io.StringIO(data.decode("gbk"))))
        bare = time.perf_counter() - started
        started = time.perf_counter()
        result = import_bytes(data, path.name)
        lenders = known_lenders()
        summary = summarise(categorise(result.transactions, category_map()).transactions, lenders)
        ours = time.perf_counter() - started
        # Peak memory in fresh processes, so what other benchmarks in this process used does not count:
        # the import + summary, against a bare read of the same file with the csv module.
        peak = _peak_rss(path, "import")
        bare_peak = _peak_rss(path, "csv")
    assert len(result.transactions) == rows and count > rows and summary.months
    size = f"{rows:,} rows, {len(data) / 1e6:.0f} MB GBK"
    return [
        {
            "name": "import+summarise rows/s",
            "value": rows / ours,
            "unit": "rows/s",
            "baseline": rows / bare,
            "ratio": ours / bare,
            "note": f"{size}; baseline = bare csv.reader rows/s; ratio = our time / csv time",
        },
        {
            "name": "import+summarise time",
            "value": ours,
            "unit": "s",
            "baseline": bare,
            "ratio": ours / bare,
            "note": size,
        },
        {
            "name": "peak memory (VmHWM of a fresh process)",
            "value": peak / 1e6,
            "unit": "MB",
            "baseline": bare_peak / 1e6,
            "ratio": peak / bare_peak,
            "note": f"baseline = a fresh process reading the same file with csv.reader; file {len(data) / 1e6:.0f} MB",
        },
    ]


def _peak_rss(path: Path, mode: str) -> int:
    """Bytes of peak resident memory of a fresh Python process that imports (or only csv-reads) ``path``."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import", "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def _child(mode: str, path: Path) -> None:
    data = path.read_bytes()
    if mode == "csv":
        sum(1 for _ in csv.reader(io.StringIO(data.decode("gbk"))))
    else:
        result = import_bytes(data, path.name)
        summarise(categorise(result.transactions, category_map()).transactions, known_lenders())
    # VmHWM is this process image's own peak (ru_maxrss would carry the parent's peak across fork/exec).
    status = Path("/proc/self/status").read_text(encoding="ascii")
    hwm = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    print(int(hwm.split()[1]) * 1024)  # kB


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    _child(sys.argv[2], Path(sys.argv[3]))
