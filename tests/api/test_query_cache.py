"""/tasks and /facets answers are kept until the store changes: never a
stale count after a document is stored (by the API or by another process
such as `jihua ingest`), parsed again or deleted."""

from __future__ import annotations

from store import open_db, store_document
from store.cache import generation
from store.write import replace_document
from tests.api.conftest import plan_text, upload
from tests.api.factory import two_unit_docs


def _counts(client) -> tuple[int, int, dict]:
    tasks = client.get("/tasks", params={"month": "3"}).json()["total"]
    facets = client.get("/facets").json()
    return tasks, facets["tasks"], {u["value"]: u["count"] for u in facets["unit"]}


def test_answers_follow_every_change_of_the_store(client, settings):
    r = upload(client, ("a.txt", plan_text(1, "甲单位工会")))
    assert r.status_code == 201, r.text
    march, total, units = _counts(client)
    assert march == 1 and units == {"甲单位工会": total}
    assert _counts(client) == (march, total, units)  # asked again: the same answer

    # another writer on the same file, as `jihua ingest` beside `jihua serve`
    other = open_db(settings.db)
    try:
        ids = [store_document(other, d).document_id for d in two_unit_docs()]
        march2, total2, units2 = _counts(client)
        assert total2 > total and set(units2) > {"甲单位工会"}
        assert march2 >= march

        # re-parsed in place (jihua reparse): one unit's plan becomes another's
        replaced = two_unit_docs()[0].model_copy(deep=True)
        for p in replaced.plans:
            p.unit = "乙单位工会"
        replace_document(other, ids[0], replaced)
        _, total3, units3 = _counts(client)
        assert "乙单位工会" in units3 and total3 == total2
    finally:
        other.close()

    doc_id = client.get("/documents").json()["items"][-1]["id"]
    assert client.delete(f"/documents/{doc_id}").status_code == 204
    _, total4, _ = _counts(client)
    assert total4 < total3


def test_reads_leave_the_generation_writes_move_it(client, settings):
    db = open_db(settings.db)
    try:
        before = generation(db)
        assert before is not None
        client.get("/facets")
        client.get("/tasks", params={"month": "3"})
        assert generation(db) == before
        assert upload(client, ("b.txt", plan_text(2))).status_code == 201
        after = generation(db)
        assert after[:2] == before[:2] and after[2] > before[2]
    finally:
        db.close()


def test_a_correction_or_a_unit_merge_is_never_answered_from_before(client):
    for name, unit in (("a.txt", "甲单位工会"), ("b.txt", "乙单位工会")):
        assert upload(client, (name, plan_text(1, unit))).status_code == 201
    plan = client.get("/plans", params={"unit": "甲单位工会"}).json()["items"][0]
    before = client.get("/tasks", params={"unit": "甲单位工会"}).json()["total"]
    assert before > 0 and "甲单位工会" in {u["value"] for u in client.get("/facets").json()["unit"]}  # now kept

    assert client.patch(f"/plans/{plan['id']}", json={"unit": "丙单位工会"}).status_code == 200
    assert client.get("/tasks", params={"unit": "甲单位工会"}).json()["total"] == 0
    assert "丙单位工会" in {u["value"] for u in client.get("/facets").json()["unit"]}

    assert client.patch("/units/乙单位工会", json={"aliases": ["丙单位工会"]}).status_code == 200
    units = {u["value"] for u in client.get("/facets").json()["unit"]}
    assert "丙单位工会" not in units and "乙单位工会" in units


def test_readers_asking_the_same_question_at_once_share_one_computation(settings):
    """Eight readers opening the same sidebar: the count is computed once
    and every reader gets it, not eight scans at once."""
    import threading
    import time

    from store.cache import cached, clear

    clear()
    open_db(settings.db).close()  # the store exists before the readers come
    runs: list[int] = []
    started = threading.Barrier(8)

    def compute() -> bytes:
        runs.append(1)
        time.sleep(0.2)  # a scan long enough for the others to arrive meanwhile
        return b"answer"

    answers: list[bytes] = []

    def reader() -> None:
        db = open_db(settings.db, create=False)
        try:
            started.wait()
            answers.append(cached(db, ("GET /facets", "same"), compute))
        finally:
            db.close()

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert answers == [b"answer"] * 8
    assert len(runs) == 1

    # a failed computation is not shared: the next reader computes again
    def broken() -> bytes:
        raise RuntimeError("disk gone")

    db = open_db(settings.db)
    try:
        try:
            cached(db, ("GET /facets", "broken"), broken)
        except RuntimeError:
            pass
        assert cached(db, ("GET /facets", "broken"), lambda: b"again") == b"again"
    finally:
        db.close()


def test_a_store_replaced_under_a_running_server_is_read_afresh(client, settings):
    """Connections are kept between requests; a new file at the path (the
    store reset and rebuilt) is read through a new one, never the old file."""
    from pathlib import Path

    assert upload(client, ("a.txt", plan_text(1, "甲单位工会"))).status_code == 201
    assert client.get("/tasks").json()["total"] >= 1
    for suffix in ("", "-wal", "-shm"):
        Path(str(settings.db) + suffix).unlink(missing_ok=True)
    open_db(settings.db).close()
    assert client.get("/tasks").json()["total"] == 0
    assert client.get("/facets").json()["tasks"] == 0


def test_the_sidebars_answers_are_ready_before_anyone_asks(client, settings, monkeypatch):
    """After the store changes and settles, the counts with no filter and
    under each month (and each month's first page) are computed on a thread
    of their own: the first reader finds them ready."""
    import time

    from api.routes.facets import facets_json
    from store import cache
    from store.query import TaskFilter, filter_key

    monkeypatch.setattr(cache, "QUIET_SECONDS", 0.05)
    assert upload(client, ("a.txt", plan_text(1, "甲单位工会"))).status_code == 201
    client.get("/tasks", params={"limit": 1})  # a read notices the new generation
    db = open_db(settings.db, create=False)
    try:
        path, epoch, number = generation(db)
        wanted = [(path, epoch, number, ("GET /facets", filter_key(TaskFilter(months=[m])))) for m in range(1, 13)]
        wanted.append((path, epoch, number, ("GET /tasks", filter_key(TaskFilter(months=[3])), 50, 0)))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not all(k in cache._entries for k in wanted):
            time.sleep(0.05)
        assert all(k in cache._entries for k in wanted)
        # and what was prepared is what a reader gets
        march = client.get("/facets", params={"month": "3"}).content
        assert march == facets_json(db, TaskFilter(months=[3]))
        # a burst of one-off questions does not push the prepared answers out
        for i in range(cache.MAX_ENTRIES + 10):
            cache.cached(db, ("one-off", i), lambda: b"x")
        assert all(k in cache._entries for k in wanted)
    finally:
        db.close()
