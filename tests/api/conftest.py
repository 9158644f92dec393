"""`client`: the real app over a real SQLite file in tmp_path; `db`: the same
file opened directly (to seed or inspect it); `settings` to vary limits."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from store import open_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURES = SHARED / "fixtures"


def norm(text: str) -> str:
    """FORMAT.md's comparison: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def gold(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))


def make_settings(tmp_path: Path, **kw) -> Settings:
    base = dict(db=str(tmp_path / "api.db"), token=None, max_file_mb=2, max_zip_mb=4, max_unzipped_mb=50, batch_workers=0)
    return Settings(**{**base, **kw})


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def db(settings, client):
    d = open_db(settings.db)
    yield d
    d.close()


def upload(client: TestClient, *files: tuple[str, bytes], token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/documents", files=[("files", (n, data)) for n, data in files], headers=headers)


def plan_text(i: int, unit: str = "测试单位工会") -> bytes:
    """A small, distinct plan as a .txt file."""
    return (
        f"{unit}2025年工作计划（第{i}号）\n"
        "一、加强思想政治建设\n"
        f"1.三月组织开展第{i}次“三八”妇女节女职工健康讲座。\n"
        "二、丰富职工文体生活\n"
        f"1.春节前举办第{i}届职工联欢会。\n"
    ).encode()


@pytest.fixture
def seeded(db):
    """Two units' plans, stored directly (these tests are about queries)."""
    from store import store_document
    from tests.api.factory import two_unit_docs

    return [store_document(db, d).document_id for d in two_unit_docs()]


def wait_job(client: TestClient, job_id: str, timeout: float = 30) -> dict:
    """Poll GET /jobs/{id} until the job is done or failed."""
    deadline = time.monotonic() + timeout
    job = {}
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.get('status')} after {timeout}s")
