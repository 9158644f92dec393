"""The API served for real: `jihua serve` on a free loopback port, talked to
over HTTP with httpx, as a client program would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.api.conftest import FIXTURES, plan_text

TOKEN = "uvicorn-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "served.db"
    port = free_port()
    env = {**os.environ, "JIHUA_TOKEN": TOKEN, "JIHUA_DB": str(db)}
    jihua = Path(sys.executable).with_name("jihua")
    proc = subprocess.Popen(
        [str(jihua), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start: {proc.stdout.read().decode(errors='replace')}")
            time.sleep(0.1)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(10)


def test_upload_and_query_over_http(server):
    base, _ = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    data = (FIXTURES / "d3.txt").read_bytes()
    with httpx.Client(base_url=base, timeout=60) as c:
        assert c.post("/documents", files={"files": ("d3.txt", data)}).status_code == 401
        r = c.post("/documents", files={"files": ("d3.txt", data)}, headers=auth)
        assert r.status_code == 201, r.text
        doc = r.json()["documents"][0]
        tasks = c.get("/tasks", params={"document_id": doc["id"], "limit": 1000}).json()
        assert tasks["total"] == sum(p["task_count"] for p in doc["plans"])
        assert c.get("/tasks.csv").content.startswith(b"\xef\xbb\xbf")


def test_twenty_concurrent_uploads_over_http(server):
    base, db = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    files = [(f"c{i}.txt", plan_text(100 + i)) for i in range(14)]
    requests = files + files[:6]

    def send(f):
        with httpx.Client(base_url=base, timeout=60, headers=auth) as c:
            return c.post("/documents", files={"files": f})

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(send, requests))
    assert all(r.status_code in (200, 201) for r in answers), [r.text for r in answers]
    ids = {}
    for (_, data), r in zip(requests, answers):
        ids.setdefault(data, set()).add(r.json()["documents"][0]["id"])
    assert len(ids) == 14 and all(len(v) == 1 for v in ids.values())
    all_ids = {i for v in ids.values() for i in v}
    import sqlite3

    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("SELECT id FROM documents WHERE name LIKE 'c%.txt'")}
    con.close()
    assert stored == all_ids
