"""Limits, the token, the one error shape, and concurrent uploads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import FIXTURES, make_settings, plan_text, upload


def test_error_shape_is_pinned(client):
    # Every error, whatever produced it (a route, validation, a limit),
    # answers {"error": {"status": int, "message": str}} and nothing else.
    answers = [
        client.get("/plans/12345"),
        client.get("/tasks", params={"limit": "many"}),
        client.post("/documents", files=[("files", ("x.txt", b"\x00\x01\x02" * 100))]),
        client.post("/documents"),
    ]
    for r in answers:
        body = r.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"status", "code", "message"}
        assert body["error"]["code"].isascii() and body["error"]["code"]
        assert body["error"]["status"] == r.status_code
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_oversized_file_is_413_and_nothing_stored(client, db):
    big = plan_text(1) + "。".join(["开展工作"] * 200_000).encode()  # ~2.4 MB, over the 2 MB test limit
    r = upload(client, ("big.txt", big))
    assert r.status_code == 413
    assert r.json()["error"]["message"] == "big.txt: 文件超过每个文件 2.0 MB 的上限"
    assert r.json()["error"]["code"] == "file_over_limit"
    assert db["documents"].count == 0


def test_oversized_request_is_413_before_it_is_read(client, db):
    r = client.post(
        "/documents",
        content=b"x" * 10,
        headers={"Content-Length": str(500 * 1024 * 1024), "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert r.status_code == 413


@pytest.fixture
def guarded(tmp_path):
    with TestClient(create_app(make_settings(tmp_path, token="s3cret"))) as c:
        yield c


def test_write_without_the_token_is_401(guarded):
    data = ("d3.txt", (FIXTURES / "d3.txt").read_bytes())
    r = upload(guarded, data)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in r.json()["error"]["message"]
    assert upload(guarded, data, token="wrong").status_code == 401
    assert guarded.post("/batches", files={"files": ("a.zip", b"PK")}).status_code == 401
    assert guarded.delete("/documents/1").status_code == 401
    assert guarded.get("/tasks").status_code == 200  # reads stay open
    assert upload(guarded, data, token="s3cret").status_code == 201


def test_twenty_concurrent_uploads_store_each_file_once(client, db):
    files = [(f"p{i}.txt", plan_text(i)) for i in range(12)]
    requests = files + files[:8]  # 8 files sent twice at the same time
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda f: upload(client, f), requests))
    assert all(r.status_code in (200, 201) for r in answers), [r.text for r in answers]
    ids = {}
    for (_name, data), r in zip(requests, answers):
        ids.setdefault(data, set()).add(r.json()["documents"][0]["id"])
    assert all(len(v) == 1 for v in ids.values())  # both copies answered with one id
    assert db["documents"].count == 12
    assert db.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == 12


def test_openapi_documents_every_route_with_examples(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/documents", "/documents/{document_id}", "/batches", "/jobs/{job_id}", "/plans", "/plans/{plan_id}",
            "/tasks", "/tasks.csv", "/tasks.xlsx", "/compare", "/facets"} <= paths
    month = next(p for p in spec["paths"]["/tasks"]["get"]["parameters"] if p["name"] == "month")
    assert month["schema"]["anyOf"] or month.get("examples")
    assert "examples" in str(spec["paths"]["/tasks"]["get"])
    assert client.get("/docs").status_code == 200
