"""POST /batches and GET /jobs/{id}: a zip processed in the background, and
the archives that must be refused."""

from __future__ import annotations

import io
import zipfile

from tests.api.conftest import FIXTURES, plan_text, wait_job


def make_zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def post_batch(client, data: bytes, name: str = "plans.zip"):
    return client.post("/batches", files={"files": (name, data, "application/zip")})


def test_batch_stores_every_good_file_and_reports_the_bad_one(client, db):
    data = make_zip(
        {
            "2025/一月/a.txt": plan_text(1),
            "2025/b.txt": plan_text(2),
            "d3.txt": (FIXTURES / "d3.txt").read_bytes(),
            "broken.docx": b"PK\x03\x04 not really a Word file",
            "gold.json": b'{"plans": []}',
            "photo": bytes(range(256)) * 4,
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
        }
    )
    r = post_batch(client, data)
    assert r.status_code == 202, r.text
    assert r.headers["location"] == f"/jobs/{r.json()['id']}"
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done"
    assert (job["total"], job["done"], job["stored"], job["failed"], job["ignored"]) == (7, 7, 3, 1, 3)
    by_source = {x["source"]: x for x in job["results"]}
    assert by_source["plans.zip!2025/一月/a.txt"]["status"] == "stored"
    assert by_source["plans.zip!broken.docx"]["error"].startswith("plans.zip!broken.docx: ")
    # every file passed over is reported, with the reason
    assert by_source["plans.zip!gold.json"]["status"] == "ignored" and ".json" in by_source["plans.zip!gold.json"]["note"]
    assert by_source["plans.zip!photo"]["status"] == "ignored" and "不是计划" in by_source["plans.zip!photo"]["note"]
    assert by_source["plans.zip!.DS_Store"]["status"] == "ignored"
    assert db["documents"].count == 3
    # The same zip again: everything stored is skipped, nothing added.
    job2 = wait_job(client, post_batch(client, data).json()["id"])
    assert (job2["skipped"], job2["stored"]) == (3, 0)
    assert db["documents"].count == 3


def test_several_archives_and_plan_files_in_one_batch(client, db):
    files = [
        ("files", ("a.zip", make_zip({"one.txt": plan_text(1)}), "application/zip")),
        ("files", ("b.zip", make_zip({"two.txt": plan_text(2)}), "application/zip")),
        ("files", ("三.txt", plan_text(3), "text/plain")),
    ]
    job = wait_job(client, client.post("/batches", files=files).json()["id"])
    assert job["stored"] == 3 and job["failed"] == 0
    assert {x["source"] for x in job["results"]} == {"a.zip!one.txt", "b.zip!two.txt", "upload:三.txt"}


def test_a_plan_without_a_known_extension_is_parsed_by_its_bytes(client, db):
    job = wait_job(client, post_batch(client, make_zip({"计划": plan_text(1), "要点.md": plan_text(2)})).json()["id"])
    assert (job["stored"], job["ignored"], job["failed"]) == (2, 0, 0)


def test_zip_with_parent_entries_is_refused_and_nothing_written(client, db, tmp_path):
    target = tmp_path.parent / "escaped-by-jihua.txt"
    data = make_zip({"ok.txt": plan_text(1), f"../../{target.name}": plan_text(2), "../abs.txt": b"x"})
    r = post_batch(client, data)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "path_traversal"
    assert not target.exists() and not (tmp_path / target.name).exists()
    assert db["documents"].count == 0


def test_zip_bomb_is_refused(client, db):
    # 100 MB of zeros deflates to about 100 KB: a 1000× expansion.
    bomb = make_zip({"plan.txt": b"0" * (100 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    r = post_batch(client, bomb)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "zip_ratio" and "压缩炸弹" in r.json()["error"]["message"]
    assert db["documents"].count == 0


def test_oversized_zip_is_413(client, db):
    # Stored, not deflated: 5 MB of random-ish bytes over the 4 MB test limit.
    big = make_zip({"a.txt": bytes(range(256)) * (5 * 4096)}, zipfile.ZIP_STORED)
    r = post_batch(client, big)
    assert r.status_code == 413
    assert r.json()["error"]["code"] in ("archive_too_large", "request_too_large") and "上限" in r.json()["error"]["message"]
    assert db["documents"].count == 0


def test_not_a_zip_is_422(client):
    r = post_batch(client, b"just text", "plans.zip")
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_a_zip"


def test_unknown_job_is_404(client):
    r = client.get("/jobs/nope")
    assert r.status_code == 404 and r.json()["error"]["status"] == 404
