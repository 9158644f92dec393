"""The parser version is a hash of extractor/'s code and data files: change
one rule and `jihua reparse --outdated` parses again exactly the documents
the old version read. Run as a user runs it, on a copy of the extractor
whose data file the test edits (the installed one is left alone)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from store import open_db

REPO = Path(__file__).resolve().parents[1]


def plan(unit: str) -> bytes:
    return f"{unit}2025年工作计划\n一、思想建设\n1.三月组织学习。\n2.五月开展评比。\n".encode()


def test_a_changed_data_file_makes_exactly_the_old_documents_outdated(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(REPO / "extractor", copy / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(copy), "COLUMNS": "200"}
    db = tmp_path / "s.db"

    def jihua(*args: object) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-c", "from api.cli import app; app()", *map(str, args)]
        return subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)

    def version() -> str:
        return re.search(r"\(parser (\w+)\)", jihua("--version").stdout).group(1)

    def stored_versions() -> dict[str, str]:
        with open_db(db) as d:
            return dict(d.execute("SELECT name, parser_version FROM documents").fetchall())

    old = tmp_path / "old"
    old.mkdir()
    (old / "a.txt").write_bytes(plan("甲区总工会"))
    (old / "b.txt").write_bytes(plan("乙区总工会"))
    assert jihua("ingest", old, "--db", db, "--jobs", 1, "-q").returncode == 0
    v1 = version()
    assert set(stored_versions().values()) == {v1}

    # A rule changes: one of the extractor's data files is edited.
    words = copy / "extractor" / "data" / "timex_words.json"
    words.write_text(words.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    v2 = version()
    assert v2 != v1

    new = tmp_path / "new"
    new.mkdir()
    (new / "c.txt").write_bytes(plan("丙区总工会"))
    assert jihua("ingest", new, "--db", db, "--jobs", 1, "-q").returncode == 0
    assert stored_versions() == {"a.txt": v1, "b.txt": v1, "c.txt": v2}

    report = tmp_path / "r.jsonl"
    r = jihua("reparse", "--outdated", "--db", db, "--jobs", 1, "--report", report)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["source"] for x in rows) == ["a.txt", "b.txt"]  # exactly the outdated ones
    assert all(x["status"] == "stored" and x["tasks"] == 2 for x in rows)
    assert stored_versions() == {"a.txt": v2, "b.txt": v2, "c.txt": v2}

    # Nothing is outdated any more.
    r = jihua("reparse", "--outdated", "--db", db, "--jobs", 1, "--report", report)
    assert r.returncode == 0 and report.read_text(encoding="utf-8") == ""
