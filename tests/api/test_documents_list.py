"""GET /documents (paged), GET /documents/{id}/original (the bytes as
uploaded), and the Location of what a write created."""

from __future__ import annotations

from urllib.parse import unquote

from tests.api.conftest import FIXTURES, plan_text, upload


def test_an_upload_answers_201_with_the_location_of_the_document(client):
    r = upload(client, ("one.txt", plan_text(1)))
    assert r.status_code == 201
    doc_id = r.json()["documents"][0]["id"]
    assert r.headers["location"] == f"/documents/{doc_id}"
    assert client.get(r.headers["location"]).json()["name"] == "one.txt"


def test_an_upload_of_several_files_locates_them_all(client):
    r = upload(client, ("a.txt", plan_text(1)), ("b.txt", plan_text(2)))
    ids = [d["id"] for d in r.json()["documents"]]
    listed = client.get(r.headers["location"]).json()
    assert sorted(d["id"] for d in listed["items"]) == sorted(ids) and listed["total"] == 2


def test_documents_are_listed_newest_first_with_paging(client):
    for i in range(5):
        upload(client, (f"p{i}.txt", plan_text(i)))
    page = client.get("/documents", params={"limit": 2}).json()
    assert page["total"] == 5 and [d["name"] for d in page["items"]] == ["p4.txt", "p3.txt"]
    page = client.get("/documents", params={"limit": 2, "offset": 4}).json()
    assert [d["name"] for d in page["items"]] == ["p0.txt"]
    first = client.get("/documents", params={"name": "p2"}).json()["items"][0]
    assert first["plan_count"] == 1 and first["task_count"] == 2 and first["parser_version"]


def test_the_original_comes_back_byte_for_byte_with_its_type_and_name(client):
    data = (FIXTURES / "d1.docx").read_bytes()
    doc = upload(client, ("青川区总工会计划.docx", data)).json()["documents"][0]
    r = client.get(f"/documents/{doc['id']}/original")
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "青川区总工会计划.docx"


def test_a_text_original_says_its_charset_when_it_is_utf8(client):
    doc = upload(client, ("plan.txt", plan_text(3))).json()["documents"][0]
    r = client.get(f"/documents/{doc['id']}/original")
    assert r.headers["content-type"] == "text/plain; charset=utf-8" and r.content == plan_text(3)
    gbk = plan_text(4).decode().encode("gbk")
    doc = upload(client, ("gbk.txt", gbk)).json()["documents"][0]
    r = client.get(f"/documents/{doc['id']}/original")
    assert r.headers["content-type"] in ("text/plain; charset=gb18030", "text/plain; charset=gbk") and r.content == gbk


def test_the_original_of_no_document_is_404(client):
    r = client.get("/documents/999/original")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
