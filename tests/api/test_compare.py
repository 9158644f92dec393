"""GET /compare: two units side by side."""

from __future__ import annotations


def test_compare_two_units(client, seeded):
    r = client.get("/compare", params={"units": "甲公司工会,乙学校工会"})
    assert r.status_code == 200, r.text
    c = r.json()
    assert c["units"] == ["甲公司工会", "乙学校工会"]
    assert c["task_counts"] == {"甲公司工会": 4, "乙学校工会": 3}
    # The 三八 lecture is worded slightly differently but is the same task.
    [shared] = c["shared"]
    assert shared["units"] == ["甲公司工会", "乙学校工会"]
    assert "女工健康讲座" in shared["text"] and len(shared["tasks"]) == 2
    assert {t["text"] for t in c["unique"]["乙学校工会"]} == {"召开教职工代表大会", "开展教师节表彰活动"}
    assert len(c["unique"]["甲公司工会"]) == 3
    cell = next(x for x in c["grid"] if x["theme"] == "女职工" and x["month"] == 3)
    assert cell["units"] == {"甲公司工会": 1, "乙学校工会": 1}
    march = next(x for x in c["grid"] if x["theme"] is None and x["month"] == 3)
    assert march["units"] == {"甲公司工会": 1, "乙学校工会": 2}
    assert c["bodies"]["甲公司工会"][0] == {"name": "甲公司工会", "roles": ["issuer"], "mentions": 3}


def test_compare_by_plan_ids(client, seeded):
    ids = [p["id"] for p in client.get("/plans").json()["items"]]
    c = client.get("/compare", params={"plan_ids": ",".join(map(str, ids))}).json()
    assert set(c["units"]) == {"甲公司工会", "乙学校工会"} and len(c["shared"]) == 1


def test_punctuation_does_not_make_tasks_different(client, seeded):
    # Even demanding identical text, “三八” vs 三八 and a final 。 do not count.
    c = client.get("/compare", params={"units": ["甲公司工会", "乙学校工会"], "threshold": 1.0}).json()
    assert len(c["shared"]) == 1


def test_compare_needs_units(client, seeded):
    r = client.get("/compare")
    assert r.status_code == 422 and "units=A,B" in r.json()["error"]["message"]


def test_compare_by_year_and_as_files(client, seeded):
    import csv
    import io

    from openpyxl import load_workbook

    params = {"units": "甲公司工会,乙学校工会", "year": 2025}
    assert client.get("/compare", params={**params, "year": 2030}).json()["task_counts"] == {"甲公司工会": 0, "乙学校工会": 0}
    c = client.get("/compare", params=params).json()
    assert c["theme_counts"]["女职工"] == {"甲公司工会": 1, "乙学校工会": 1}
    wb = load_workbook(io.BytesIO(client.get("/compare.xlsx", params=params).content))
    assert wb.sheetnames == ["主题×单位", "月份×单位", "任务"]
    heat = [[c.value for c in row] for row in wb["主题×单位"].iter_rows()]
    assert heat[0] == ["主题", "甲公司工会", "乙学校工会"] and ["女职工", 1, 1] in heat
    march = next(row for row in wb["月份×单位"].iter_rows(values_only=True) if row[0] == "3月")
    assert march == ("3月", 1, 2)
    rows = list(csv.reader(io.StringIO(client.get("/compare.csv", params=params).content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["类别", "单位", "任务"]
    assert {r[0] for r in rows[1:]} == {"共同", "独有"} and len(rows) == 1 + 7
