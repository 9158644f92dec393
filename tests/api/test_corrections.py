"""PATCH /plans/{id}, PATCH /tasks/{id}, /corrections and /units through
the real app and a real SQLite file; a correction survives `jihua reparse`
run as a user runs it."""

from __future__ import annotations

import subprocess
import sys

from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import FIXTURES, make_settings, upload


def first_plan(client) -> dict:
    return client.get(f"/plans/{client.get('/plans').json()['items'][0]['id']}").json()


def test_a_corrected_unit_and_year_show_in_every_list(client, seeded):
    plan = client.get("/plans", params={"unit": "甲公司工会"}).json()["items"][0]
    r = client.patch(f"/plans/{plan['id']}", json={"unit": " 甲市机械公司工会 ", "year": 2026})
    assert r.status_code == 200
    body = r.json()
    assert (body["unit"], body["parsed_unit"], body["year"]) == ("甲市机械公司工会", "甲公司工会", 2026)
    assert {(c["field"], c["parsed"]) for c in body["corrections"]} == {("unit", "甲公司工会"), ("year", 2025)}
    assert client.get("/plans", params={"unit": "甲市机械公司工会", "year": 2026}).json()["total"] == 1
    assert client.get("/tasks", params={"unit": "甲公司工会"}).json()["total"] == 0
    assert "甲市机械公司工会" in [f["value"] for f in client.get("/facets").json()["unit"]]
    # null takes it back
    body = client.patch(f"/plans/{plan['id']}", json={"unit": None}).json()
    assert body["unit"] == "甲公司工会" and [c["field"] for c in body["corrections"]] == ["year"]


def test_a_task_gets_its_months_and_bodies_as_people_write_them(client, seeded):
    task = client.get("/tasks", params={"q": "春节"}).json()["items"][0]
    r = client.patch(
        f"/tasks/{task['id']}",
        json={"months": "一月至三月", "bodies": [{"name": "工会办公室", "role": "牵头"}, {"name": "行政办公室", "role": "support"}]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["months"] == [1, 2, 3]
    assert r.json()["bodies"] == [{"name": "工会办公室", "role": "lead"}, {"name": "行政办公室", "role": "support"}]
    assert task["id"] in [t["id"] for t in client.get("/tasks", params={"month": "3", "body": "工会办公室", "role": "牵头"}).json()["items"]]
    [c] = [c for c in client.get("/corrections").json() if c["field"] == "bodies"]
    assert c["task_id"] == task["id"] and c["parsed"] == task["bodies"]
    assert client.delete(f"/corrections/{c['id']}").status_code == 204
    assert client.get("/tasks", params={"q": "春节"}).json()["items"][0]["bodies"] == task["bodies"]


def test_bad_corrections_are_refused_with_the_reason(client, seeded):
    plan = client.get("/plans").json()["items"][0]
    task = client.get("/tasks").json()["items"][0]
    cases = [
        (f"/plans/{plan['id']}", {"unit": "  "}, "单位名称不能为空"),
        (f"/plans/{plan['id']}", {"year": 25}, "1900"),
        (f"/plans/{plan['id']}", {}, "没有要更正的内容"),
        (f"/plans/{plan['id']}", {"title": "x"}, "title"),
        (f"/tasks/{task['id']}", {"months": "13"}, "月份"),
        (f"/tasks/{task['id']}", {"months": [0]}, "月份"),
        (f"/tasks/{task['id']}", {"bodies": [{"name": "办公室", "role": "主持"}]}, "牵头"),
        (f"/tasks/{task['id']}", {"bodies": [{"name": " ", "role": "lead"}]}, "名称不能为空"),
    ]
    for path, body, words in cases:
        r = client.patch(path, json=body)
        assert r.status_code == 422 and words in r.json()["error"]["message"], (body, r.text)
    assert client.patch("/plans/99999", json={"year": 2025}).json()["error"]["code"] == "not_found"
    assert client.patch("/tasks/99999", json={"months": [1]}).status_code == 404
    assert client.delete("/corrections/99999").status_code == 404
    assert client.get("/corrections").json() == []


def test_writes_need_the_token_when_the_server_has_one(tmp_path):
    with TestClient(create_app(make_settings(tmp_path, token="s3cret"))) as client:
        assert upload(client, ("d3.txt", (FIXTURES / "d3.txt").read_bytes()), token="s3cret").status_code == 201
        plan = client.get("/plans").json()["items"][0]
        assert client.patch(f"/plans/{plan['id']}", json={"year": 2024}).status_code == 401
        assert client.patch("/units/甲", json={"aliases": ["乙"]}).status_code == 401
        ok = client.patch(f"/plans/{plan['id']}", json={"year": 2024}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["year"] == 2024


def test_merging_spellings_makes_one_unit_in_compare(client):
    d1 = (FIXTURES / "d1.docx").read_bytes()
    other = "青川总工会2025年女职工工作要点\n一、维权服务\n1.三月举办“三八”女职工健康讲座。\n".encode()
    assert upload(client, ("d1.docx", d1), ("要点.txt", other)).status_code == 201
    units = [u["name"] for u in client.get("/units").json()]
    assert {"青川区总工会", "青川总工会"} <= set(units)
    r = client.patch("/units/青川区总工会", json={"aliases": ["青川总工会"]})
    assert r.status_code == 200
    assert r.json()["aliases"] == ["青川总工会"] and r.json()["plans"] == 2 and r.json()["parsed_as"] == ["青川总工会"]
    c = client.get("/compare", params={"units": "青川区总工会,青川总工会"}).json()
    assert c["units"] == ["青川区总工会"] and c["theme_counts"]["女职工"]["青川区总工会"] >= 2
    assert "青川总工会" not in [f["value"] for f in client.get("/facets").json()["unit"]]
    assert client.get("/plans", params={"unit": "青川总工会"}).json()["total"] == 2
    assert client.patch("/units/青川区总工会", json={"aliases": ["青川区总工会"]}).status_code == 422
    assert client.delete("/units/aliases/青川总工会").status_code == 204
    assert client.delete("/units/aliases/青川总工会").status_code == 404
    assert client.get("/plans", params={"unit": "青川总工会"}).json()["total"] == 1


def test_each_task_names_the_lines_it_was_read_from(client):
    upload(client, ("d3.txt", (FIXTURES / "d3.txt").read_bytes()))
    plan = first_plan(client)
    lines = plan["text"].split("\n")
    placed = [t for t in plan["tasks"] if t["lines"]]
    assert len(placed) == len(plan["tasks"])
    for t in placed:
        first, last = t["lines"]
        source = "".join(lines[first - 1 : last])
        assert t["text"][:6] in source or t["text"][-6:] in source, (t["text"], source)


def test_plans_sort_and_export(client, seeded):
    by_unit = [p["unit"] for p in client.get("/plans", params={"sort": "-unit"}).json()["items"]]
    assert by_unit == sorted(by_unit, reverse=True) and len(set(by_unit)) == 2
    by_tasks = [p["task_count"] for p in client.get("/plans", params={"sort": "tasks"}).json()["items"]]
    assert by_tasks == sorted(by_tasks)
    assert client.get("/plans", params={"sort": "size"}).status_code == 422
    csv = client.get("/plans.csv", params={"sort": "-tasks"})
    assert csv.content.startswith(b"\xef\xbb\xbf") and "任务数" in csv.content.decode("utf-8-sig").splitlines()[0]


def test_a_correction_survives_jihua_reparse(tmp_path):
    settings = make_settings(tmp_path)
    with TestClient(create_app(settings)) as client:
        upload(client, ("d1.docx", (FIXTURES / "d1.docx").read_bytes()))
        plan = first_plan(client)
        task = next(t for t in plan["tasks"] if "送温暖" in t["text"])
        assert client.patch(f"/plans/{plan['id']}", json={"unit": "青川区总工会（更正）"}).status_code == 200
        assert client.patch(f"/tasks/{task['id']}", json={"months": [12], "bodies": [{"name": "区总工会办公室", "role": "配合"}]}).status_code == 200
    run = subprocess.run(
        [sys.executable, "-c", "from api.cli import app; app()", "reparse", "--db", settings.db, "--jobs", "1", "-q"],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    with TestClient(create_app(settings)) as client:
        plan = first_plan(client)
        assert plan["unit"] == "青川区总工会（更正）" and plan["parsed_unit"] == "青川区总工会"
        task = next(t for t in plan["tasks"] if "送温暖" in t["text"])
        assert task["months"] == [12] and task["bodies"] == [{"name": "区总工会办公室", "role": "support"}]
        assert {c["status"] for c in plan["corrections"]} == {"applied"}
