"""Read answers kept until the store changes.

Counting the tasks a filter matches and the facet counts read every
matching task (10-600 ms over 100,000 tasks); a sidebar and a paged list
ask the same question again and again, and with 8 readers at once each
request waits for the others' scans. An answer is kept per store
*generation*: a number in `store_state` that triggers on `documents` bump in
the same transaction as every stored, re-parsed or deleted document, so
an answer is never served after the data it was computed from changed,
whichever process (server, `jihua ingest`, a batch job) wrote.

The generation is read before the answer is computed: an answer computed
while a write commits is kept under the older generation, which no request
asks for once the commit is visible.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import sqlite_utils

T = TypeVar("T")
log = logging.getLogger(__name__)

# Entries, not bytes: a facet answer is a few kB, a page of 50 tasks some
# 50 kB, so the cache stays within tens of MB.
MAX_ENTRIES = 512

_lock = threading.Lock()
_entries: OrderedDict[tuple, Any] = OrderedDict()
_current: dict[str, tuple[str, int]] = {}  # database file → (epoch, generation) last seen
# Answers being computed: a request for the same key waits for that answer
# instead of computing it again (eight readers opening the same sidebar
# would otherwise run the same scan eight times at once).
_inflight: dict[tuple, threading.Event] = {}
# Answers the warmer prepared stay for their generation: a burst of one-off
# questions (text searches) must not push the sidebar's out of the cache.
_pinned: set[tuple] = set()
_local = threading.local()
WAIT_SECONDS = 60.0


def generation(db: sqlite_utils.Database) -> tuple[str, str, int] | None:
    """(file, epoch, generation) of the store, or None for a store without
    the counter (an in-memory database, or one not yet opened by this
    version's open_db): such a store is never cached."""
    try:
        row = db.execute("SELECT epoch, generation FROM store_state WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if row is None or not path:
        return None
    return path, row[0], row[1]


def cached(db: sqlite_utils.Database, key: tuple, compute: Callable[[], T]) -> T:
    """compute()'s answer for `key` in this store's current generation."""
    gen = generation(db)
    if gen is None:
        return compute()
    path, epoch, number = gen
    full = (path, epoch, number, key)
    with _lock:
        if _current.get(path) != (epoch, number):
            # the store changed: what was kept for it is stale
            for k in [k for k in _entries if k[0] == path]:
                del _entries[k]
                _pinned.discard(k)
            _current[path] = (epoch, number)
            _warm_soon(path)
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]
        running = _inflight.get(full)
        if running is None:
            _inflight[full] = done = threading.Event()
    if running is not None:
        running.wait(WAIT_SECONDS)
        with _lock:
            if full in _entries:
                return _entries[full]
        return compute()  # the first request failed or the store moved on: answer this one alone
    try:
        value = compute()
        with _lock:
            if _current.get(path) == (epoch, number):
                _entries[full] = value
                if getattr(_local, "warming", False):
                    _pinned.add(full)
                _evict()
        return value
    finally:
        with _lock:
            _inflight.pop(full, None)
        done.set()


def _evict() -> None:
    # called with _lock held: the least recently used answers go first, pinned ones never
    excess = len(_entries) - MAX_ENTRIES
    if excess > 0:
        for k in [k for k in _entries if k not in _pinned][:excess]:
            del _entries[k]


def clear() -> None:
    with _lock:
        _entries.clear()
        _current.clear()
        _pinned.clear()


# --- answers computed before anyone asks -----------------------------------
#
# The first reader of a new generation pays for its answer, and eight readers
# opening a sidebar at once pay for thirteen of them (no filter and each
# month). The questions every sidebar asks are registered here (`warmer`) and
# answered on a thread of their own once the store has been still for
# QUIET_SECONDS: a bulk ingest, which moves the generation with every
# document, costs nothing until it ends.

QUIET_SECONDS = 1.0
_warmers: list[Callable[[sqlite_utils.Database], None]] = []
_warming: set[str] = set()


def warmer(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    """Register `fn(db)`, which asks `cached` the questions worth having
    ready in every generation."""
    _warmers.append(fn)
    return fn


def _warm_soon(path: str) -> None:
    # called with _lock held
    if not _warmers or path in _warming:
        return
    _warming.add(path)
    threading.Thread(target=_warm, args=(path,), name="jihua-warm", daemon=True).start()


def _warm(path: str) -> None:
    from store.schema import open_db

    try:
        db = open_db(path, create=False)
    except Exception:  # noqa: BLE001 - the file went away: nothing to prepare
        with _lock:
            _warming.discard(path)
        return
    try:
        while True:
            seen = generation(db)
            time.sleep(QUIET_SECONDS)
            if generation(db) != seen:
                continue  # still being written: wait for it to settle
            _local.warming = True
            try:
                for fn in _warmers:
                    fn(db)
            finally:
                _local.warming = False
            if generation(db) == seen:
                return
    except Exception:  # noqa: BLE001 - a warm-up is a favour; the request path answers anyway
        log.debug("warming %s failed", path, exc_info=True)
    finally:
        with _lock:
            _warming.discard(path)
        db.close()
