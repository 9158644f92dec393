"""`jihua ingest` and the other store commands, run as a user runs them."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from api.cli import app
from service.archive import Limits, ReadError, read_entry
from store import open_db, store_document
from tests.api.factory import two_unit_docs

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


def plan(i: int) -> bytes:
    return f"第{i}分会2025年工作计划\n一、思想建设\n1.三月组织第{i}次学习。\n".encode()


def report_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def inputs(tmp_path) -> Path:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "b" / "sub").mkdir(parents=True)
    (root / "a" / "one.txt").write_bytes(plan(1))
    (root / "b" / "sub" / "two.txt").write_bytes(plan(2))
    (root / "b" / "broken.docx").write_bytes(b"PK\x03\x04 half a download")
    (root / "notes.json").write_text('{"not": "a plan"}')  # a data file: ignored, reported
    (root / "a" / "~$one.docx").write_bytes(b"\x0bWord lock")  # Office's lock file: ignored, reported
    (root / "b" / "计划").write_bytes(plan(5))  # no suffix: sniffed, parsed
    with zipfile.ZipFile(root / "more.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x/three.txt", plan(3))
        z.writestr("four.txt", plan(4))
        z.writestr("one-again.txt", plan(1))  # same bytes as a/one.txt
    return root


def test_ingest_folder_and_zip_reports_each_file(tmp_path, inputs):
    db, rep = tmp_path / "s.db", tmp_path / "report.jsonl"
    r = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--jobs", "1", "--report", str(rep)])
    assert r.exit_code == 1, r.output  # one bad file
    rows = {Path(x["source"].replace("!", "/")).name: x for x in report_rows(rep)}
    assert set(rows) == {
        "one.txt", "two.txt", "broken.docx", "three.txt", "four.txt", "one-again.txt", "notes.json", "~$one.docx", "计划"
    }
    assert rows["broken.docx"]["status"] == "error" and "broken.docx: " in rows["broken.docx"]["error"]
    # nothing is passed over in silence: each ignored file says why
    assert rows["notes.json"]["status"] == "ignored" and rows["notes.json"]["note"] == ".json 数据文件，不是计划"
    assert rows["~$one.docx"]["status"] == "ignored" and rows["~$one.docx"]["note"] == "Office 的临时锁文件"
    assert rows["计划"]["status"] == "stored" and rows["计划"]["tasks"] == 1
    assert "已忽略" in r.output and "不是计划" in r.output
    assert rows["one-again.txt"]["status"] in ("skipped", "duplicate")
    assert rows["three.txt"]["source"].endswith("more.zip!x/three.txt")
    with open_db(db) as d:
        assert d["documents"].count == 5
    # Again: everything stored is skipped, nothing is added twice.
    r = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--jobs", "1", "--report", str(rep)])
    assert r.exit_code == 1
    assert sorted(x["status"] for x in report_rows(rep)) == ["error"] + ["ignored"] * 2 + ["skipped"] * 6
    with open_db(db) as d:
        assert d["documents"].count == 5


def test_ingest_in_parallel_processes_with_csv_report(tmp_path, inputs):
    (inputs / "b" / "broken.docx").unlink()
    db, rep = tmp_path / "s.db", tmp_path / "report.csv"
    r = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--jobs", "2", "--report", str(rep)])
    assert r.exit_code == 0, r.output
    text = rep.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "source,status,document_id,plans,tasks,error,note,seconds"
    assert len(text.splitlines()) == 1 + 6 + 2
    said = "".join(r.output.split())  # the terminal may wrap the summary anywhere
    assert "5个已存储" in said and "2个已忽略（不是计划）" in said
    with open_db(db) as d:
        assert d["documents"].count == 5


def test_ingest_killed_half_way_and_run_again_stores_all_once(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    n = 300
    for i in range(n):
        (src / f"p{i:04d}.txt").write_bytes(plan(i) * 3)
    db = tmp_path / "s.db"
    jihua = str(Path(sys.executable).with_name("jihua"))
    cmd = [jihua, "ingest", str(src), "--db", str(db), "--jobs", "2", "--quiet"]
    # Its own process group, killed whole like Ctrl-C or an OOM kill would:
    # the parser workers must not outlive the test.
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def stored() -> int:
        try:
            con = sqlite3.connect(db, timeout=5)
            try:
                return con.execute("SELECT count(*) FROM documents").fetchone()[0]
            finally:
                con.close()
        except sqlite3.OperationalError:  # not created yet
            return 0

    deadline = time.monotonic() + 60
    while stored() < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # no clean shutdown: a crash
    proc.wait()
    before = stored()
    assert 0 < before < n, "the ingest was not caught half-way"

    again = subprocess.run([*cmd, "--report", str(tmp_path / "r.jsonl")], capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (n, n)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    statuses = [r["status"] for r in report_rows(tmp_path / "r.jsonl")]
    assert statuses.count("skipped") >= before and statuses.count("error") == 0


def test_ingest_refuses_an_unsafe_zip(tmp_path):
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ok.txt", plan(1))
        zf.writestr("../../evil.txt", plan(2))
    db, rep = tmp_path / "s.db", tmp_path / "r.jsonl"
    r = runner.invoke(app, ["ingest", str(z), "--db", str(db), "--report", str(rep), "--jobs", "1"])
    assert r.exit_code == 1
    [row] = report_rows(rep)
    assert row["status"] == "error" and "路径穿越" in row["error"]
    assert not (tmp_path.parent / "evil.txt").exists()
    with open_db(db) as d:
        assert d["documents"].count == 0


def _lying_zip(real: bytes, claimed: int) -> bytes:
    """A zip whose headers claim `claimed` bytes for an entry of `real`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("plan.txt", real)
    data = bytearray(buf.getvalue())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, claimed)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, claimed)
    return bytes(data)


def test_an_entry_inflating_beyond_its_header_is_cut_off():
    z = zipfile.ZipFile(io.BytesIO(_lying_zip(b"0" * 5_000_000, 100)))
    [info] = z.infolist()
    assert info.file_size == 100
    with pytest.raises(ReadError):
        read_entry(z, info, "bomb.zip!plan.txt", Limits())


def test_every_command_has_help_text():
    group = typer.main.get_command(app)
    assert group.commands
    for name, cmd in group.commands.items():
        assert (cmd.help or "").strip(), f"`jihua {name}` has no help text"
        for p in cmd.params:
            if p.name != "help" and isinstance(p, click.Option):
                assert (p.help or "").strip(), f"`jihua {name} {p.opts[0]}` has no help text"


@pytest.fixture
def store_db(tmp_path) -> Path:
    path = tmp_path / "q.db"
    with open_db(path) as d:
        for doc in two_unit_docs():
            store_document(d, doc)
    return path


def test_tasks_command_formats(store_db):
    r = runner.invoke(app, ["tasks", "--db", str(store_db), "--month", "3", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)  # one JSON array
    assert len(rows) == 3 and all(3 in x["months"] for x in rows)
    r = runner.invoke(app, ["tasks", "--db", str(store_db), "--month", "3", "--format", "jsonl"])
    rows = [json.loads(line) for line in r.output.splitlines()]  # one object a line
    assert len(rows) == 3 and all(3 in x["months"] for x in rows)
    r = runner.invoke(app, ["tasks", "--db", str(store_db), "--q", "春节", "--format", "csv"])
    lines = r.output.splitlines()
    assert lines[0].startswith("\ufeff单位,年份,计划") and len(lines) == 2 and "举办职工春节联欢会" in lines[1]
    r = runner.invoke(app, ["tasks", "--db", str(store_db), "--theme", "女职工", "--unit", "乙学校工会"], env={"COLUMNS": "200"})
    assert r.exit_code == 0 and "女工健康讲座" in r.output
    r = runner.invoke(app, ["tasks", "--db", str(store_db), "--month", "13"])
    assert r.exit_code == 2


def test_tasks_command_without_a_database_says_so(tmp_path):
    r = runner.invoke(app, ["tasks", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "数据库不存在" in r.output


def test_compare_command(store_db):
    r = runner.invoke(app, ["compare", "甲公司工会", "乙学校工会", "--db", str(store_db)])
    assert r.exit_code == 0, r.output
    assert "共同的任务（1）" in r.output and "A = 甲公司工会" in r.output and "谁在什么时候做什么" in r.output
    r = runner.invoke(app, ["--lang", "en", "compare", "甲公司工会", "乙学校工会", "--db", str(store_db)])
    assert "shared tasks (1)" in r.output and "who plans what, when" in r.output
    r = runner.invoke(app, ["compare", "甲公司工会", "乙学校工会", "--db", str(store_db), "--json"])
    assert len(json.loads(r.output)["shared"]) == 1


def test_reparse_keeps_document_ids(tmp_path, inputs):
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--jobs", "1", "--quiet"])
    with open_db(db) as d:
        before = [(r["id"], r["sha256"]) for r in d["documents"].rows]
        plans_before = d["plans"].count
    r = runner.invoke(app, ["reparse", "--db", str(db), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    with open_db(db) as d:
        assert [(r["id"], r["sha256"]) for r in d["documents"].rows] == before
        assert d["plans"].count == plans_before
