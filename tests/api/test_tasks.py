"""GET /tasks, /plans and /facets: filters, paging, sorting, text search."""

from __future__ import annotations

import pytest


def texts(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [t["text"] for t in r.json()["items"]]


def test_tasks_sorted_by_unit_then_month(client, seeded):
    items = client.get("/tasks").json()["items"]
    keys = [(t["unit"], t["months"][0] if t["months"] else 99) for t in items]
    assert keys == sorted(keys)
    assert items[-1]["text"] == "全年做好会员发展工作"  # undated last within its unit


@pytest.mark.parametrize(
    "month,count",
    [("3", 3), ("3,9", 4), ("1-3", 4), ("11-1", 1), ("6", 1), ("12", 0)],
)
def test_month_single_list_and_range(client, seeded, month, count):
    r = client.get("/tasks", params={"month": month})
    assert r.json()["total"] == count
    assert len(r.json()["items"]) == count


def test_bad_month_is_422(client, seeded):
    r = client.get("/tasks", params={"month": "13"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "month_range" and "1 到 12" in r.json()["error"]["message"]


def test_filters_combine(client, seeded):
    r = client.get("/tasks", params={"month": "3", "theme": "女职工", "unit": "乙学校工会"})
    assert texts(r) == ["组织开展三八妇女节女工健康讲座。"]
    r = client.get("/tasks", params={"body": "委员会", "role": "lead"})
    assert {t["unit"] for t in r.json()["items"]} == {"甲公司工会", "乙学校工会"}
    r = client.get("/tasks", params={"body": "行政办公室", "role": "support", "year": 2025})
    assert texts(r) == ["举办职工春节联欢会"]
    assert client.get("/tasks", params={"year": 2024}).json()["total"] == 0
    assert client.get("/tasks", params={"role": "boss"}).status_code == 422


def test_task_rows_carry_plan_and_bodies(client, seeded):
    [row] = client.get("/tasks", params={"q": "春节"}).json()["items"]
    assert row["unit"] == "甲公司工会" and row["year"] == 2025 and row["plan_title"]
    assert row["bodies"] == [{"name": "甲公司工会", "role": "lead"}, {"name": "行政办公室", "role": "support"}]
    assert row["months"] == [1, 2] and row["time_text"] == "1月"


def test_full_text_two_and_four_character_queries(client, seeded):
    assert texts(client.get("/tasks", params={"q": "春节"})) == ["举办职工春节联欢会"]
    assert len(texts(client.get("/tasks", params={"q": "女工"}))) == 2
    assert len(texts(client.get("/tasks", params={"q": "健康讲座"}))) == 2
    assert texts(client.get("/tasks", params={"q": "健康讲座", "unit": "甲公司工会"})) == ["组织开展“三八”妇女节女工健康讲座"]
    assert texts(client.get("/tasks", params={"q": "教代会"})) == []


def test_paging(client, seeded):
    all_ids = [t["id"] for t in client.get("/tasks").json()["items"]]
    page1 = client.get("/tasks", params={"limit": 3}).json()
    page2 = client.get("/tasks", params={"limit": 3, "offset": 3}).json()
    assert page1["total"] == 7 and page1["limit"] == 3
    assert [t["id"] for t in page1["items"] + page2["items"]] == all_ids[:6]
    assert client.get("/tasks", params={"limit": 0}).status_code == 422


def test_plans_filter_and_detail(client, seeded):
    r = client.get("/plans", params={"theme": "民主管理"}).json()
    assert r["total"] == 1 and r["items"][0]["unit"] == "乙学校工会"
    assert client.get("/plans", params={"unit": "甲公司工会", "year": 2025}).json()["total"] == 1
    plan = client.get(f"/plans/{r['items'][0]['id']}").json()
    assert [s["title"] for s in plan["sections"]] == ["加强思想建设", "丰富文体生活"]
    assert plan["sections"][0]["children"][0]["label"] == "（一）"
    assert [t["seq"] for t in plan["tasks"]] == [0, 1, 2]
    assert client.get("/plans/999").status_code == 404


def test_facets_count_what_the_filters_leave(client, seeded):
    f = client.get("/facets").json()
    assert f["tasks"] == 7
    assert {x["value"]: x["count"] for x in f["unit"]} == {"甲公司工会": 4, "乙学校工会": 3}
    assert {x["value"]: x["count"] for x in f["month"]} == {1: 1, 2: 1, 3: 3, 6: 1, 9: 1}
    assert {x["value"] for x in f["theme"]} >= {"女职工", "民主管理"}
    march = client.get("/facets", params={"month": 3}).json()
    assert march["tasks"] == 3
    assert {x["value"]: x["count"] for x in march["theme"]} == {"女职工": 2, "民主管理": 1}


def test_unit_like_matches_part_of_the_unit(client, seeded):
    r = client.get("/tasks", params={"unit_like": "学校"})
    assert r.status_code == 200 and {t["unit"] for t in r.json()["items"]} == {"乙学校工会"}
    r = client.get("/plans", params={"unit_like": "公司"})
    assert [p["unit"] for p in r.json()["items"]] == ["甲公司工会"]
    # unit= is still the exact name (or, with issue 13, an alias of it)
    assert client.get("/tasks", params={"unit": "学校"}).json()["total"] == 0


def test_role_and_month_take_the_words_people_read(client, seeded):
    by_code = client.get("/tasks", params={"role": "lead", "month": "3"}).json()
    by_word = client.get("/tasks", params={"role": "牵头", "month": "三月"}).json()
    assert by_word == by_code and by_code["total"] == 2
    r = client.get("/tasks", params={"role": "头"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_role"
