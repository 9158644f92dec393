"""Time budgets for reads: a query past its deadline is stopped by SQLite
itself (a progress handler interrupts the statement), and Python loops over
its results (compare) check the same deadline. The API answers 503 with the
reason; nothing runs on after the answer."""

from __future__ import annotations

import sqlite3
import time

import sqlite_utils

# SQLite calls the handler every this many virtual machine instructions:
# often enough to stop within milliseconds, rarely enough to cost nothing.
_STEPS = 10_000


class BudgetExceeded(Exception):
    """A read ran past its time budget."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the request ran past its {seconds:g} s time budget")


class Deadline:
    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    @property
    def expired(self) -> bool:
        return self.at is not None and time.monotonic() > self.at

    def check(self) -> None:
        if self.expired:
            raise BudgetExceeded(self.seconds or 0)


def guard(db: sqlite_utils.Database, deadline: Deadline) -> None:
    """Interrupt any statement of `db` that runs past `deadline`."""
    if deadline.at is None:
        db.conn.set_progress_handler(None, 0)
        return
    db.conn.set_progress_handler(lambda: 1 if deadline.expired else 0, _STEPS)


def interrupted(exc: BaseException) -> bool:
    """Whether an sqlite3 error is the progress handler's interruption."""
    return isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted"
