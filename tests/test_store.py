"""The store layer on hand-built Documents: storage, dedupe, transactions,
queries, full-text search, facets and compare."""

from __future__ import annotations

import sqlite3

import pytest

import store
from models import Task
from store.query import TaskFilter
from tests.api.factory import make_doc, task, two_unit_docs


@pytest.fixture
def db(tmp_path):
    d = store.open_db(tmp_path / "s.db")
    yield d
    d.close()


@pytest.fixture
def two_units(db):
    a, b = two_unit_docs()
    ida = store.store_document(db, a, content=b"a").document_id
    idb = store.store_document(db, b, content=b"b").document_id
    return ida, idb


def test_document_round_trips_with_outline_and_tasks(db, two_units):
    ida, _ = two_units
    doc = store.get_document(db, ida)
    assert doc["name"] == "a.txt" and doc["warnings"] == ["page 1: test warning"]
    plan = store.get_plan(db, doc["plans"][0]["id"])
    assert plan["unit"] == "甲公司工会" and plan["year"] == 2025
    assert plan["sections"][0]["children"][0]["label"] == "（一）"
    assert [t["text"] for t in plan["tasks"]][0].startswith("组织开展")
    assert plan["tasks"][2]["targets"] == [{"quantity": 2, "unit": "次", "text": "至少两次"}]
    assert plan["objectives"] == [{"text": "全面提升职工素质", "section_path": ["一、"]}]
    assert {b["name"] for b in plan["bodies"]} == {"甲公司工会", "女工委员会"}


def test_same_bytes_are_stored_once(db, two_units):
    ida, _ = two_units
    again = store.store_document(db, make_doc("a.txt", "甲公司工会", [task("x", [])]).model_copy(
        update={"sha256": store.get_document(db, ida)["sha256"]}
    ))
    assert again == store.Stored(ida, created=False)
    assert store.stats(db)["documents"] == 2


def test_a_failing_write_leaves_nothing(db, monkeypatch):
    doc = make_doc("c.txt", "丙工会", [task("开展活动", [5])])
    # A defect half-way through the rows (here: a task text that is not a
    # string SQLite can bind) must roll the whole file back.
    bad = doc.model_copy(deep=True)
    bad.plans[0].tasks.append(Task.model_construct(text=object(), months=[], section_path=[], bodies=[], themes=[], targets=[]))
    with pytest.raises(sqlite3.Error):
        store.store_document(db, bad)
    assert store.stats(db) == {"documents": 0, "plans": 0, "tasks": 0, "bodies": 0}


def test_replace_keeps_the_document_id(db, two_units):
    ida, _ = two_units
    new = make_doc("a.txt", "甲公司工会", [task("新的任务", [7])])
    store.replace_document(db, ida, new)
    rows = store.query_tasks(db, TaskFilter(document_ids=[ida]))
    assert [r["text"] for r in rows] == ["新的任务"]
    assert store.get_document(db, ida)["id"] == ida


def test_delete_removes_every_row(db, two_units):
    ida, idb = two_units
    assert store.delete_document(db, ida)
    assert not store.delete_document(db, ida)
    assert store.get_document(db, ida) is None
    assert {r["unit"] for r in store.query_tasks(db, TaskFilter())} == {"乙学校工会"}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize(
    "spec,months",
    [
        ("3", [3]), ("3,4", [3, 4]), ("3-5", [3, 4, 5]), ("11-2", [11, 12, 1, 2]), ("1,3-4", [1, 3, 4]), ("", []),
        # as people write them
        ("三月", [3]), ("3月", [3]), ("十二月", [12]), ("三月至五月", [3, 4, 5]), ("3—5月", [3, 4, 5]),
        ("三、四月", [3, 4]), ("十一月-二月", [11, 12, 1, 2]), ("正月", [1]),
    ],
)
def test_parse_months(spec, months):
    assert store.parse_months(spec) == months


@pytest.mark.parametrize("spec", ["13", "0", "三十月", "3-", "月"])
def test_parse_months_rejects_nonsense(spec):
    with pytest.raises(ValueError):
        store.parse_months(spec)


def test_tasks_by_month_sorted_by_unit_then_month(db, two_units):
    rows = store.query_tasks(db, TaskFilter(months=[1, 3]))
    assert [(r["unit"], r["months"]) for r in rows] == [
        ("乙学校工会", [3]),
        ("乙学校工会", [3]),
        ("甲公司工会", [1, 2]),
        ("甲公司工会", [3]),
    ]


def test_filters_combine(db, two_units):
    f = TaskFilter(months=[3], themes=["女职工"], units=["乙学校工会"])
    assert [r["text"] for r in store.query_tasks(db, f)] == ["组织开展三八妇女节女工健康讲座。"]
    f = TaskFilter(bodies=["委员会"], role="lead")
    assert {r["unit"] for r in store.query_tasks(db, f)} == {"甲公司工会", "乙学校工会"}
    assert store.count_tasks(db, TaskFilter(role="support")) == 1
    assert store.count_tasks(db, TaskFilter(years=[2024])) == 0


def test_full_text_short_and_long_chinese_queries(db, two_units):
    assert store.trigram_supported()
    two = store.query_tasks(db, TaskFilter(q="春节"))  # 2 chars: LIKE fallback
    assert [r["text"] for r in two] == ["举办职工春节联欢会"]
    four = store.query_tasks(db, TaskFilter(q="健康讲座"))  # 4 chars: FTS5 trigram
    assert len(four) == 2
    assert store.count_tasks(db, TaskFilter(q="女工 讲座")) == 2  # terms AND
    assert store.count_tasks(db, TaskFilter(q="不存在的词")) == 0
    assert store.count_tasks(db, TaskFilter(q='"AND*')) == 0  # operators are text


@pytest.mark.parametrize("q", ["春节", "健康讲座", "女工 讲座", "女工 春节", "职工", "不存在的词", "讲", "女工 健康讲座"])
def test_a_text_searchs_count_is_the_number_of_tasks_it_lists(db, two_units, q):
    # a text search alone is counted from its index, any other filter through the tasks
    f = TaskFilter(q=q)
    assert store.count_tasks(db, f) == len(store.query_tasks(db, f, limit=None))
    with_month = TaskFilter(q=q, months=[1])
    assert store.count_tasks(db, with_month) == len(store.query_tasks(db, with_month, limit=None))


@pytest.mark.parametrize("months", [[1], [3], [1, 3], [12, 1, 2], list(range(1, 13))])
def test_a_month_filters_count_is_the_number_of_tasks_it_lists(db, two_units, months):
    f = TaskFilter(months=months)
    listed = store.query_tasks(db, f, limit=None)
    assert store.count_tasks(db, f) == len(listed)
    # the page read by walking the sort order is the same as the sorted one
    total, page = store.task_page(db, f, limit=1, offset=0)
    assert total == len(listed) and [r["id"] for r in page] == [r["id"] for r in listed[:1]]


def test_plans_list_filters(db, two_units):
    total, plans = store.list_plans(db, themes=["民主管理"])
    assert total == 1 and plans[0]["unit"] == "乙学校工会"
    total, _ = store.list_plans(db, q="春节")
    assert total == 1


def test_facets_count_tasks(db, two_units):
    f = store.facets(db)
    assert f["tasks"] == 7
    assert {x["value"]: x["count"] for x in f["unit"]} == {"甲公司工会": 4, "乙学校工会": 3}
    assert {x["value"]: x["count"] for x in f["month"]}[3] == 3
    narrowed = store.facets(db, TaskFilter(months=[3]))
    assert narrowed["tasks"] == 3


def test_compare_two_units(db, two_units):
    c = store.compare(db, units=["甲公司工会", "乙学校工会"])
    assert c["units"] == ["甲公司工会", "乙学校工会"]
    [shared] = c["shared"]
    assert shared["units"] == ["甲公司工会", "乙学校工会"] and "女工健康讲座" in shared["text"]
    assert {t["text"] for t in c["unique"]["乙学校工会"]} == {"召开教职工代表大会", "开展教师节表彰活动"}
    cell = next(x for x in c["grid"] if x["theme"] == "女职工" and x["month"] == 3)
    assert cell["units"] == {"甲公司工会": 1, "乙学校工会": 1}
    assert [b["name"] for b in c["bodies"]["甲公司工会"]][0] == "甲公司工会"


def test_database_is_plain_sqlite_with_fts(tmp_path, two_units, db):
    # What Datasette needs: plain tables, FTS tables sqlite-utils recognises.
    import sqlite_utils

    plain = sqlite_utils.Database(sqlite3.connect(db.execute("PRAGMA database_list").fetchone()[2]))
    assert plain["tasks"].detect_fts() == "tasks_fts"
    assert plain["plans"].detect_fts() == "plans_fts"
    assert plain["tasks"].foreign_keys[0].other_table == "plans"


def test_two_character_search_forgets_deleted_and_replaced_tasks(db, two_units):
    ida, _ = two_units
    assert store.count_tasks(db, TaskFilter(q="春节")) == 1
    store.replace_document(db, ida, make_doc("a.txt", "甲公司工会", [task("春节走访慰问", [1])]))
    assert [r["text"] for r in store.query_tasks(db, TaskFilter(q="春节"))] == ["春节走访慰问"]
    store.delete_document(db, ida)
    assert store.count_tasks(db, TaskFilter(q="春节")) == 0
    db.execute("INSERT INTO tasks_bigrams (tasks_bigrams) VALUES ('integrity-check')")  # raises if inconsistent


def test_unfiltered_facets_count_as_the_filtered_path_does(tmp_path):
    """/facets with no filter reads the link tables directly; its counts are
    those of the general path (every task selected, then counted)."""
    from store import open_db, store_document
    from store.query import _facets_selected, facets
    from tests.api.factory import two_unit_docs

    db = open_db(tmp_path / "f.db")
    for d in two_unit_docs():
        store_document(db, d)
    everything = facets(db)
    assert everything["tasks"] > 0 and everything["unit"] and everything["month"] and everything["body"]
    assert everything == _facets_selected(db, "1", [], 50)
    assert facets(db, top=1)["unit"] == _facets_selected(db, "1", [], 1)["unit"]


def test_a_one_character_search_finds_a_tasks_last_character_in_old_and_new_stores(tmp_path):
    """A character is found through the pairs index, the last one of a task
    included; a store written before the last character was indexed is
    indexed again when opened."""
    from store import open_db

    path = tmp_path / "s.db"
    db = open_db(path)
    store.store_document(db, make_doc("a.txt", "甲公司工会", [task("组织职工体检", [3]), task("开展读书活动，", [4])]))
    for q, n in [("检", 1), ("组", 1), ("书", 1), ("，", 1), ("%", 0), ("检 组", 1), ("检 书", 0)]:
        assert store.count_tasks(db, TaskFilter(q=q)) == n, q
        assert len(store.query_tasks(db, TaskFilter(q=q), limit=None)) == n, q
    # as a version-2 store left it: pairs only
    db.execute("DROP TABLE tasks_bigrams")
    db.execute("CREATE VIRTUAL TABLE tasks_bigrams USING fts5(grams, content = '', tokenize = 'unicode61')")
    for tid, text in db.execute("SELECT id, text FROM tasks").fetchall():
        db.execute("INSERT INTO tasks_bigrams (rowid, grams) VALUES (?, ?)", [tid, " ".join(text[i : i + 2] for i in range(len(text) - 1))])
    db.execute("PRAGMA user_version = 2")
    db.conn.commit()
    assert store.count_tasks(db, TaskFilter(q="检")) == 0  # what the old index cannot answer
    db.close()
    db = open_db(path, create=False)
    assert store.count_tasks(db, TaskFilter(q="检")) == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 3
    store.delete_document(db, db.execute("SELECT id FROM documents").fetchone()[0])
    db.execute("INSERT INTO tasks_bigrams (tasks_bigrams) VALUES ('integrity-check')")  # raises if inconsistent


@pytest.mark.parametrize("part", ["甲", "工会", "学校", "不存在"])
def test_part_of_a_units_name_finds_the_tasks_of_every_unit_it_names(db, two_units, part):
    listed = store.query_tasks(db, TaskFilter(unit_like=[part]), limit=None)
    every = store.query_tasks(db, TaskFilter(), limit=None)
    assert [r["id"] for r in listed] == [r["id"] for r in every if part in (r["unit"] or "")]
    assert store.count_tasks(db, TaskFilter(unit_like=[part])) == len(listed)
