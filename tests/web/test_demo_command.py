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


def test_demo_help_names_the_number_of_debts_the_command_loads(tmp_path):
    """The help once said 七笔债务 while the demo holds six debts: it now says what a load puts in the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XIESHANG_") and k != "DATABASE_URL"}
    env["COLUMNS"] = "200"  # one line, so the sentence is not wrapped by the help's box
    shown = subprocess.run([XIESHANG, "demo", "--help"], capture_output=True, text=True, env=env, timeout=60)
    data = tmp_path / "data"
    subprocess.run(
        [XIESHANG, "demo", "--data-dir", str(data)], capture_output=True, env=env, timeout=60, check=True
    )
    with sqlite3.connect(data / "xieshang.sqlite3") as db:
        (loaded,) = db.execute("select count(*) from cases_debt").fetchone()
    assert loaded == 6
    assert f"一位借款人、{loaded} 笔债务" in shown.stdout and f"{loaded} debts" in shown.stdout
    assert "七笔" not in shown.stdout
