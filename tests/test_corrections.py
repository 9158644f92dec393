"""Users' corrections and unit aliases in the store: applied to every query,
kept beside the parse, surviving a new parse of the document (what
`jihua reparse` does), taken back to the parse."""

from __future__ import annotations

import pytest

import store
from store.query import TaskFilter
from tests.api.factory import make_doc, task, two_unit_docs


@pytest.fixture
def db(tmp_path):
    d = store.open_db(tmp_path / "s.db")
    yield d
    d.close()


@pytest.fixture
def ids(db):
    a, b = two_unit_docs()
    ida = store.store_document(db, a, content=b"a").document_id
    idb = store.store_document(db, b, content=b"b").document_id
    return ida, idb, a, b


def plan_of(db, document_id):
    return store.get_plan(db, store.get_document(db, document_id)["plans"][0]["id"])


def task_named(plan, start):
    return next(t for t in plan["tasks"] if t["text"].startswith(start))


def test_a_corrected_unit_and_year_are_what_every_query_sees(db, ids):
    ida, *_ = ids
    plan = plan_of(db, ida)
    store.correct_plan(db, plan["id"], unit="甲市机械公司工会", year=2026)
    plan = plan_of(db, ida)
    assert (plan["unit"], plan["parsed_unit"], plan["year"]) == ("甲市机械公司工会", "甲公司工会", 2026)
    assert {t["unit"] for t in store.query_tasks(db, TaskFilter(plan_ids=[plan["id"]]))} == {"甲市机械公司工会"}
    assert store.count_tasks(db, TaskFilter(units=["甲市机械公司工会"], years=[2026])) == 4
    assert store.count_tasks(db, TaskFilter(units=["甲公司工会"])) == 0
    assert "甲市机械公司工会" in {f["value"] for f in store.facets(db)["unit"]}
    [c_unit, c_year] = sorted(store.list_corrections(db, plan_id=plan["id"]), key=lambda c: c["field"])
    assert (c_unit["field"], c_unit["value"], c_unit["parsed"]) == ("unit", "甲市机械公司工会", "甲公司工会")
    assert (c_year["field"], c_year["value"], c_year["parsed"]) == ("year", 2026, 2025)


def test_corrections_survive_a_new_parse_of_the_document(db, ids):
    ida, _, a, _ = ids
    plan = plan_of(db, ida)
    lecture = task_named(plan, "组织开展")
    store.correct_plan(db, plan["id"], unit="甲市机械公司工会")
    store.correct_task(db, lecture["id"], months=[3, 4], bodies=[{"name": "公司女职工委员会", "role": "lead"}, {"name": "工会办公室", "role": "support"}])
    # A new parser version numbers the tasks differently (one more task in
    # front): plan and task ids change, the corrections follow the task.
    newer = a.model_copy(deep=True)
    newer.plans[0].tasks.insert(0, task("学习贯彻全会精神", [2]))
    store.replace_document(db, ida, newer, version="v2")
    plan = plan_of(db, ida)
    lecture = task_named(plan, "组织开展")
    assert plan["unit"] == "甲市机械公司工会" and plan["parsed_unit"] == "甲公司工会"
    assert lecture["months"] == [3, 4]
    assert lecture["bodies"] == [{"name": "公司女职工委员会", "role": "lead"}, {"name": "工会办公室", "role": "support"}]
    assert [t["text"] for t in store.query_tasks(db, TaskFilter(months=[4], units=["甲市机械公司工会"]))] == [lecture["text"]]
    assert store.count_tasks(db, TaskFilter(bodies=["工会办公室"], role="support")) == 1
    months = next(c for c in store.list_corrections(db, plan_id=plan["id"]) if c["field"] == "months")
    assert months["parsed"] == [3] and months["status"] == "applied" and months["task_id"] == lecture["id"]


def test_a_correction_whose_task_is_gone_is_kept_as_orphaned_and_comes_back(db, ids):
    ida, _, a, _ = ids
    lecture = task_named(plan_of(db, ida), "组织开展")
    store.correct_task(db, lecture["id"], months=[4])
    without = a.model_copy(deep=True)
    del without.plans[0].tasks[0]
    store.replace_document(db, ida, without)
    [c] = store.list_corrections(db, document_id=ida)
    assert c["status"] == "orphaned" and c["task_id"] is None and c["task_text"] == lecture["text"]
    store.replace_document(db, ida, a)
    assert task_named(plan_of(db, ida), "组织开展")["months"] == [4]


def test_taking_a_correction_back_restores_the_parse(db, ids):
    ida, *_ = ids
    plan = plan_of(db, ida)
    party = task_named(plan, "举办职工春节")
    store.correct_task(db, party["id"], months=[2], bodies=[])
    store.correct_plan(db, plan["id"], year=2030)
    assert task_named(plan_of(db, ida), "举办职工春节")["bodies"] == []
    store.correct_task(db, party["id"], bodies=None)  # None: back to the parse
    assert task_named(plan_of(db, ida), "举办职工春节")["bodies"] == party["bodies"]
    months = next(c for c in store.list_corrections(db, plan_id=plan["id"]) if c["field"] == "months")
    store.delete_correction(db, months["id"])
    assert task_named(plan_of(db, ida), "举办职工春节")["months"] == [1, 2]
    store.correct_plan(db, plan["id"], year=2025)  # the parser's value: no correction left
    assert plan_of(db, ida)["year"] == 2025
    assert store.list_corrections(db, plan_id=plan["id"]) == []


def test_merged_spellings_count_as_one_unit_everywhere(db, ids):
    ida, idb, *_ = ids
    third = make_doc("c.txt", "甲公司 工会", [task("组织职工春季健步走", [4], ["文体活动"])])
    store.store_document(db, third, content=b"c")
    assert len(store.compare(db, units=["甲公司工会", "甲公司 工会"])["units"]) == 2
    changed = store.merge_units(db, "甲公司工会", ["甲公司 工会"])
    assert len(changed) == 1
    units = {u["name"]: u for u in store.list_units(db)}
    assert "甲公司 工会" not in units
    assert units["甲公司工会"]["plans"] == 2 and units["甲公司工会"]["aliases"] == ["甲公司 工会"]
    assert units["甲公司工会"]["parsed_as"] == ["甲公司 工会"]
    facet = {f["value"]: f["count"] for f in store.facets(db)["unit"]}
    assert facet["甲公司工会"] == 5 and "甲公司 工会" not in facet
    # asking by the old spelling asks for the unit
    assert store.count_tasks(db, TaskFilter(units=["甲公司 工会"])) == 5
    assert store.count_tasks(db, TaskFilter(unit_like=["公司 工"])) == 5
    c = store.compare(db, units=["甲公司工会", "甲公司 工会", "乙学校工会"])
    assert c["units"] == ["甲公司工会", "乙学校工会"] and c["task_counts"]["甲公司工会"] == 5
    assert c["theme_counts"]["文体活动"] == {"甲公司工会": 2} and c["theme_counts"]["女职工"] == {"甲公司工会": 1, "乙学校工会": 1}
    # a new document with the old spelling joins the unit as it is stored
    store.store_document(db, make_doc("d.txt", "甲公司 工会", [task("开展读书月活动", [4])]), content=b"d")
    assert [u["plans"] for u in store.list_units(db) if u["name"] == "甲公司工会"] == [3]
    store.unmerge_unit(db, "甲公司 工会")
    assert {u["name"]: u["plans"] for u in store.list_units(db)}["甲公司 工会"] == 2


def test_merging_into_an_alias_merges_into_its_unit_and_chains_never_form(db, ids):
    store.merge_units(db, "甲公司工会", ["甲公司 工会"])
    store.merge_units(db, "甲公司 工会", ["乙学校工会"])  # "甲公司 工会" is an alias: its unit is meant
    assert store.canonical_unit(db, "乙学校工会") == "甲公司工会"
    store.merge_units(db, "甲集团工会", ["甲公司工会"])
    assert {store.canonical_unit(db, n) for n in ("甲公司工会", "甲公司 工会", "乙学校工会")} == {"甲集团工会"}
    assert [u["name"] for u in store.list_units(db)] == ["甲集团工会"]
    with pytest.raises(ValueError, match="合并"):
        store.merge_units(db, "甲集团工会", ["甲集团工会", " "])


def test_a_corrected_unit_is_merged_like_a_parsed_one(db, ids):
    ida, *_ = ids
    store.merge_units(db, "甲公司工会", ["甲公司 工会"])
    plan = plan_of(db, ida)
    store.correct_plan(db, plan["id"], unit="甲公司 工会")
    assert plan_of(db, ida)["unit"] == "甲公司工会"


def test_deleting_a_document_deletes_its_corrections(db, ids):
    ida, *_ = ids
    store.correct_plan(db, plan_of(db, ida)["id"], year=2030)
    store.delete_document(db, ida)
    assert store.list_corrections(db) == []


def test_a_version_1_store_gets_the_new_tables_when_opened(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    db = store.open_db(path)
    a, _ = two_unit_docs()
    store.store_document(db, a)
    db.close()
    conn = sqlite3.connect(path)  # as jihua 0.1 left it
    conn.executescript("DROP TABLE corrections; DROP TABLE unit_aliases; ALTER TABLE plans DROP COLUMN parsed_unit;")
    conn.close()
    db = store.open_db(path, create=False)
    assert db.execute("SELECT unit, parsed_unit FROM plans").fetchall() == [("甲公司工会", "甲公司工会")]
    store.merge_units(db, "甲公司工会", ["甲公司 工会"])
    db.close()
