"""`jihua ingest` on a real Dask cluster: a scheduler and two worker
processes (LocalCluster, processes=True, nannies) on loopback, started once
for this module, the dashboard off. The CLI runs as a real process, the
client of that cluster, and what it stores must be exactly what the local
engine stores from the same files — also when a worker is killed mid-run,
and when the client itself is killed and run again."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from extractor.readers import legacy  # noqa: E402
from service.archive import Limits  # noqa: E402
from service.dask_engine import SCHEDULER_CONFIG, DaskEngine  # noqa: E402
from service.ingest import collect, run  # noqa: E402
from store import open_db  # noqa: E402
from tests.hostile import plan  # noqa: E402

JIHUA = str(Path(sys.executable).with_name("jihua"))
FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
PLANS = 28  # generated .txt plans beside the fixtures: enough to be caught mid-run
WAIT_S = 120


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def scan_pdf() -> bytes:
    """The top of d2.pdf's first page (its title and first items) as a
    scanner makes it: an image, no text. A third of a page: OCR is the
    slowest step there is."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(FIXTURES.joinpath("d2.pdf").read_bytes())
    try:
        image = pdf[0].render(scale=150 / 72).to_pil().convert("L")
        image = image.crop((0, 0, image.width, image.height // 3))
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=150)
    return buf.getvalue()


def doc_bytes(work: Path) -> bytes | None:
    """d1.docx saved by LibreOffice as .doc (None without LibreOffice)."""
    soffice = legacy.soffice_path()
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed: run scripts/setup-system.sh")
        return None
    src = work / "d1.docx"
    src.write_bytes(FIXTURES.joinpath("d1.docx").read_bytes())
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(work / "doc"), str(src)],
        check=True, capture_output=True, timeout=120,
    )
    return (work / "doc" / "d1.doc").read_bytes()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """A folder and a zip mixing .docx/.pdf/.txt, a scan, a .doc and a
    corrupt .docx; one zip entry repeats a folder file's bytes."""
    root = tmp_path_factory.mktemp("dask-in")
    folder = root / "各单位"
    folder.mkdir()
    for f in ("d1.docx", "d2.pdf", "d3.txt"):
        (folder / f).write_bytes(FIXTURES.joinpath(f).read_bytes())
    (folder / "扫描件.pdf").write_bytes(scan_pdf())
    doc = doc_bytes(root)
    if doc is not None:
        (folder / "旧格式.doc").write_bytes(doc)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 half a download")
    for i in range(PLANS):
        (folder / f"p{i:03d}.txt").write_text(plan(i, unit=f"单位{i % 7}", tasks=8), encoding="utf-8")
    # a copy listed right before its original: the same bytes twice in flight
    (folder / "p000 副本.txt").write_bytes((folder / "p000.txt").read_bytes())
    archive = root / "汇总.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(PLANS, PLANS + 6):
            z.writestr(f"区县/q{i:03d}.txt", plan(i, unit=f"区县{i % 5}", tasks=8))
        z.writestr("d3-again.txt", FIXTURES.joinpath("d3.txt").read_bytes())
        z.writestr("d1.docx", FIXTURES.joinpath("d1.docx").read_bytes())
    return [folder, archive]


def snapshot(db_path: Path) -> dict:
    """What a user reads back, by document (sha256), independent of the
    order the files were stored in: plans, sections, tasks with their
    months, bodies and themes."""
    con = sqlite3.connect(db_path)
    try:
        out = {}
        for doc_id, sha, name, fmt, size in con.execute("SELECT id, sha256, name, format, size FROM documents"):
            plans = []
            for plan_id, seq, unit, year, title, text, themes in con.execute(
                "SELECT id, seq, unit, year, title, text, themes FROM plans WHERE document_id = ? ORDER BY seq", [doc_id]
            ):
                sections = con.execute(
                    "SELECT seq, level, label, title, path FROM sections WHERE plan_id = ? ORDER BY seq", [plan_id]
                ).fetchall()
                tasks = []
                for task_id, tseq, ttext, path, time_text, months in con.execute(
                    "SELECT id, seq, text, section_path, time_text, months FROM tasks WHERE plan_id = ? ORDER BY seq", [plan_id]
                ):
                    task_months = [m for (m,) in con.execute("SELECT month FROM task_months WHERE task_id = ? ORDER BY month", [task_id])]
                    bodies = con.execute(
                        "SELECT b.name, tb.role FROM task_bodies tb JOIN bodies b ON b.id = tb.body_id WHERE tb.task_id = ? ORDER BY 1, 2",
                        [task_id],
                    ).fetchall()
                    tasks.append((tseq, ttext, path, time_text, months, task_months, bodies))
                plan_bodies = con.execute(
                    "SELECT b.name, pb.roles, pb.mentions FROM plan_bodies pb JOIN bodies b ON b.id = pb.body_id WHERE pb.plan_id = ? ORDER BY 1",
                    [plan_id],
                ).fetchall()
                plans.append((seq, unit, year, title, text, themes, sections, tasks, plan_bodies))
            out[sha] = (name, fmt, size, plans)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> dict:
    """The local engine's database from the same inputs, and its report."""
    db_path = tmp_path_factory.mktemp("dask-ref") / "local.db"
    limits = Limits()
    items, listed = collect(inputs, limits)
    db = open_db(db_path, create=True)
    try:
        summary = run(items, db, limits=limits, jobs=1)
    finally:
        db.close()
    errors = {r.source for r in summary.errors} | {r.source for r in listed if r.status == "error"}
    return {"db": snapshot(db_path), "errors": errors, "documents": len(snapshot(db_path))}


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes on loopback, free ports, no
    dashboard; the scheduler fails a file that kills two workers."""
    import dask

    with dask.config.set(SCHEDULER_CONFIG):
        c = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0, dashboard_address=None,
            # no dashboard; the scheduler's small web server on a free port
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )
    client = distributed.Client(c, set_as_default=False)
    client.wait_for_workers(2, timeout=WAIT_S)
    yield c, client
    client.close()
    c.close()


@pytest.fixture
def healthy(cluster):
    """Two workers up before each test (a test may have killed one)."""
    c, client = cluster
    client.wait_for_workers(2, timeout=WAIT_S)
    return c.scheduler_address, client


def ingest(address: str, db: Path, inputs: list[Path], report: Path, *extra: str, **popen) -> subprocess.Popen:
    cmd = [JIHUA, "ingest", *map(str, inputs), "--db", str(db), "--scheduler", address, "--report", str(report), *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def rows(report: Path) -> list[dict]:
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]


def check_same_as_local(db: Path, report: Path, reference: dict) -> None:
    got = snapshot(db)
    assert set(got) == set(reference["db"]), "other documents than the local run's"
    for sha, want in reference["db"].items():
        assert got[sha] == want, f"{want[0]} differs from the local run"
    errors = [r for r in rows(report) if r["status"] == "error"]
    assert {r["source"] for r in errors} == reference["errors"]
    [corrupt] = errors
    assert corrupt["source"].endswith("broken.docx") and "broken.docx: " in corrupt["error"]
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (len(got), len(got))
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_a_cluster_stores_exactly_what_the_local_run_stores(healthy, inputs, reference, tmp_path):
    address, client = healthy
    db, report = tmp_path / "dask.db", tmp_path / "r.jsonl"
    proc = ingest(address, db, inputs, report)
    out, err = proc.communicate(timeout=WAIT_S)
    err = err.decode()
    assert proc.returncode == 1, err  # the corrupt file
    assert f"Dask 集群 {address}：2 个工作进程" in err
    assert "文件以路径发给工作进程" in err  # same machine: every worker sees the paths
    assert "仪表板" not in err  # this cluster has none
    check_same_as_local(db, report, reference)
    statuses = [r["status"] for r in rows(report)]
    assert statuses.count("stored") == reference["documents"]
    # the same bytes under three other names: parsed once, stored once
    assert statuses.count("duplicate") >= 1 and statuses.count("duplicate") + statuses.count("skipped") == 3
    # each worker process loaded the parser once, however many files it parsed
    assert set(client.run(lambda: __import__("service.dask_engine").dask_engine.LOADS).values()) == {1}


def test_a_worker_killed_mid_run_changes_nothing(healthy, inputs, reference, tmp_path):
    address, client = healthy
    db, report = tmp_path / "dask.db", tmp_path / "r.jsonl"
    victim = next(iter(client.run(os.getpid).values()))
    # bytes this time: the run that loses a worker also tests the other way in
    proc = ingest(address, db, inputs, report, "--transfer", "bytes")
    wait_for(lambda: stored(db) >= 5 or proc.poll() is not None, WAIT_S, "the first files stored")
    assert proc.poll() is None, "the run ended before a worker could be killed"
    os.kill(victim, signal.SIGKILL)
    _, err = proc.communicate(timeout=WAIT_S)
    assert proc.returncode == 1, err.decode()
    assert "以字节发给工作进程" in err.decode()
    check_same_as_local(db, report, reference)


def test_a_client_killed_and_run_again_stores_each_file_once(healthy, inputs, reference, tmp_path):
    address, _ = healthy
    db, report = tmp_path / "dask.db", tmp_path / "r.jsonl"
    proc = ingest(address, db, inputs, report, "--quiet", start_new_session=True)
    wait_for(lambda: stored(db) >= 5 or proc.poll() is not None, WAIT_S, "the first files stored")
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=WAIT_S)
    before = stored(db)
    assert 0 < before < reference["documents"], "the client was not caught half-way"

    again = ingest(address, db, inputs, report, "--quiet")
    _, err = again.communicate(timeout=WAIT_S)
    assert again.returncode == 1, err.decode()
    check_same_as_local(db, report, reference)
    assert [r["status"] for r in rows(report)].count("skipped") >= before


def test_the_window_bounds_the_results_in_flight(healthy, tmp_path):
    address, _ = healthy
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"p{i:02d}.txt").write_text(plan(500 + i), encoding="utf-8")
    items, _ = collect([folder], Limits())
    engine = DaskEngine.connect(address, window=3)
    in_flight = []
    try:
        db = open_db(tmp_path / "w.db", create=True)
        summary = engine.run(items, db, limits=Limits(), on_result=lambda r: in_flight.append(len(engine.client.futures)))
        db.close()
    finally:
        engine.close()
    assert summary.stored == 30 and not summary.errors
    # the futures this client holds when a result arrives: never past the window
    assert 1 <= max(in_flight) <= 3


def test_post_batches_parses_on_the_cluster_when_the_server_has_a_scheduler(healthy, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import make_settings, wait_job

    address, client = healthy

    def parsed() -> int:
        return sum(client.run(lambda: __import__("service.dask_engine").dask_engine.PARSED).values())

    before = parsed()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(6):
            z.writestr(f"批次/b{i}.txt", plan(700 + i))
        z.writestr("d1.docx", FIXTURES.joinpath("d1.docx").read_bytes())
        z.writestr("broken.docx", b"PK\x03\x04 half a download")
    settings = make_settings(tmp_path, scheduler=address)
    with TestClient(create_app(settings)) as http:
        r = http.post("/batches", files={"files": ("各单位.zip", buf.getvalue(), "application/zip")})
        assert r.status_code == 202, r.text
        job = wait_job(http, r.json()["id"], timeout=WAIT_S)
    assert job["status"] == "done", job
    assert (job["total"], job["stored"], job["failed"]) == (8, 7, 1)
    [bad] = [x for x in job["results"] if x["status"] == "error"]
    assert bad["source"] == "各单位.zip!broken.docx" and bad["error"].startswith("各单位.zip!broken.docx: ")
    assert stored(Path(settings.db)) == 7
    assert parsed() - before == 7  # by the cluster's workers, not the server

def test_a_file_that_kills_two_workers_is_reported_and_the_rest_go_on(healthy, tmp_path):
    from tests.poison_reader import MARK, PoisonPlugin

    address, client = healthy
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        (folder / f"p{i}.txt").write_text(plan(900 + i), encoding="utf-8")
    (folder / "poison.txt").write_bytes(plan(999).encode() + MARK)
    client.register_plugin(PoisonPlugin(), name=PoisonPlugin.name)
    try:
        db, report = tmp_path / "p.db", tmp_path / "r.jsonl"
        proc = ingest(address, db, [folder], report)
        _, err = proc.communicate(timeout=WAIT_S)
        assert proc.returncode == 1, err.decode()
    finally:
        client.unregister_worker_plugin(PoisonPlugin.name)
    by_name = {Path(r["source"]).name: r for r in rows(report)}
    assert by_name["poison.txt"]["status"] == "error"
    assert by_name["poison.txt"]["error"] == f"{folder / 'poison.txt'}: 处理这个文件时 Dask 工作进程退出了 2 次，不再重试"
    assert sorted(r["status"] for n, r in by_name.items() if n != "poison.txt") == ["stored"] * 8
    assert stored(db) == 8


def test_an_unreachable_scheduler_is_named_with_the_reason(tmp_path):
    import socket

    with socket.socket() as sock:  # a free port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (tmp_path / "a.txt").write_text(plan(1), encoding="utf-8")
    env = {**os.environ, "JIHUA_SCHEDULER": f"tcp://127.0.0.1:{port}", "JIHUA_SCHEDULER_TIMEOUT_S": "2"}
    r = subprocess.run([JIHUA, "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db")],
                       capture_output=True, env=env, timeout=WAIT_S)
    assert r.returncode == 2
    assert f"无法连接 Dask 调度器 tcp://127.0.0.1:{port}" in r.stderr.decode()
    assert stored(tmp_path / "x.db") == 0

