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

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import sqlite_utils

T = TypeVar("T")

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
            _current[path] = (epoch, number)
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
                while len(_entries) > MAX_ENTRIES:
                    _entries.popitem(last=False)
        return value
    finally:
        with _lock:
            _inflight.pop(full, None)
        done.set()


def clear() -> None:
    with _lock:
        _entries.clear()
        _current.clear()
