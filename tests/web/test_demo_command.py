"""``xieshang demo`` (cli/demo.py → cases/demo.py): loads the demo case into a data directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

XIESHANG = str(Path(sys.executable).with_name("xieshang"))


def test_demo_command_loads_the_case_into_a_fresh_data_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    data = tmp_path / "data"
    done = subprocess.run(
        [XIESHANG, "demo", "--data-dir", str(data)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "王小明" in done.stdout
    env["XIESHANG_DATA_DIR"] = str(data)
    again = subprocess.run([XIESHANG, "demo"], capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(data / "xieshang.sqlite3") as db:
        assert db.execute("select count(*) from cases_case").fetchone() == (2,)
        assert db.execute("select count(*) from cases_debt").fetchone() == (12,)
        assert db.execute("pragma journal_mode").fetchone() == ("wal",)
