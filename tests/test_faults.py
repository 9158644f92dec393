"""The fault suite: `jihua ingest` and `jihua serve` killed with SIGKILL in
the middle of their work, as real processes, then started again. The store
must come out intact (PRAGMA integrity_check), nothing duplicated, the
interrupted work resumed or reported as interrupted, and no parser process
or temporary file left behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.hostile import plan

JIHUA = Path(sys.executable).with_name("jihua")
FILES = 150


def plans_folder(root: Path) -> Path:
    folder = root / "plans"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"p{i:03d}.txt").write_text(plan(i, unit=f"单位{i % 7}", tasks=30), encoding="utf-8")
    return folder


def count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def children(pid: int) -> set[int]:
    """Every live descendant of a process, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = set(), [pid]
    while todo:
        for c in parents.get(todo.pop(), []):
            out.add(c)
            todo.append(c)
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def healthy(db: Path) -> None:
    con = sqlite3.connect(db, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        n, distinct = con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
        assert n == distinct  # nothing stored twice
        # every stored document is whole: its plans and their tasks
        assert con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM plans p WHERE p.document_id = d.id)"
        ).fetchone()[0] == 0
        assert con.execute(
            "SELECT count(*) FROM plans p WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.plan_id = p.id)"
        ).fetchone()[0] == 0
    finally:
        con.close()


def test_ingest_killed_mid_run_resumes_without_duplicates_or_orphans(tmp_path):
    folder = plans_folder(tmp_path)
    db = tmp_path / "ingest.db"
    cmd = [str(JIHUA), "ingest", str(folder), "--db", str(db), "--jobs", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: count(db) >= 3 or proc.poll() is not None, 120, "the first stored files")
        workers = children(proc.pid)
        assert proc.poll() is None, "ingest finished before it could be killed"
        assert workers, "no parser processes to watch"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored_at_kill = count(db)
    assert stored_at_kill < FILES
    # the parser processes notice their parent is gone and exit
    wait_for(lambda: not any(alive(p) for p in workers), 10, "the orphaned parser processes to exit")
    healthy(db)

    report = tmp_path / "report.jsonl"
    again = subprocess.run([*cmd, "--report", str(report)], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    import json

    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    statuses = [r["status"] for r in rows]
    assert statuses.count("skipped") >= stored_at_kill  # resumed: what was stored is not parsed again
    assert statuses.count("skipped") + statuses.count("stored") == FILES
    assert count(db) == FILES
    healthy(db)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "JIHUA_DB": str(db), "JIHUA_TOKEN": "t", "JIHUA_BATCH_WORKERS": "2"}
    proc = subprocess.Popen(
        [str(JIHUA), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode(errors="replace"))
        try:
            return httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    wait_for(up, 60, "the server to start")
    return proc


@pytest.fixture
def archive(tmp_path) -> bytes:
    folder = plans_folder(tmp_path)
    path = tmp_path / "plans.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.iterdir()):
            z.write(f, f.name)
    return path.read_bytes()


def test_server_killed_mid_batch_restarts_clean_and_reports_the_job(tmp_path, archive):
    db = tmp_path / "served.db"
    tmp_dir = tmp_path / "served.db.tmp"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    auth = {"Authorization": "Bearer t"}
    proc = _serve(db, port)
    try:
        r = httpx.post(f"{base}/batches", files={"files": ("plans.zip", archive)}, headers=auth, timeout=60)
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        wait_for(lambda: count(db) >= 3, 120, "the batch to store its first files")
        workers = children(proc.pid)
        leftovers = list(tmp_dir.iterdir())
        assert leftovers, "the batch's archive waits in the temporary folder"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored_at_kill = count(db)
    assert stored_at_kill < FILES
    wait_for(lambda: not any(alive(p) for p in workers), 10, "the batch's parser processes to exit")
    healthy(db)

    proc = _serve(db, port)
    try:
        assert list(tmp_dir.iterdir()) == []  # the killed batch's archive is removed at start
        job = httpx.get(f"{base}/jobs/{job_id}", timeout=10).json()
        assert job["status"] == "interrupted" and "请重新上传压缩包" in job["error"]
        r = httpx.post(f"{base}/batches", files={"files": ("plans.zip", archive)}, headers=auth, timeout=60)
        job_id = r.json()["id"]

        def finished() -> bool:
            return httpx.get(f"{base}/jobs/{job_id}", timeout=10).json()["status"] in ("done", "failed")

        wait_for(finished, 300, "the resent batch")
        job = httpx.get(f"{base}/jobs/{job_id}", timeout=10).json()
        assert job["status"] == "done" and job["failed"] == 0
        assert job["skipped"] >= stored_at_kill and job["skipped"] + job["stored"] == FILES
    finally:
        proc.terminate()
        proc.wait(30)
    assert count(db) == FILES
    healthy(db)
    assert list(tmp_dir.iterdir()) == []
