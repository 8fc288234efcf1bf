"""A time budget for optional queries: a page's facet counts and totals give up rather than hold the page.

Facet counts and funding totals aggregate every row the page's filters keep; at 100,000
programmes one of them can take hundreds of milliseconds. They help the reader but are not
the page, so, as Datasette's facet time limit does, a page gives them a budget
(``CATALOGUE_FACET_TIME_BUDGET_MS``) and says "counts are not shown" for those that do not
finish within it, instead of answering late.

:meth:`TimeBudget.run` runs one query-making callable within what is left of the budget:

- on SQLite, a progress handler interrupts the statement at the deadline (SQLite rolls back
  nothing for an interrupted SELECT, so the request's transaction, if any, is unharmed);
- on PostgreSQL outside a transaction (how the site serves: autocommit), a timer sends the
  server a cancel request at the deadline; inside a transaction a cancelled statement would
  abort the whole transaction, so there the budget only stops further queries once spent;
- on every database, once the budget is spent, later calls raise at once without a query.

Neither way issues a statement of its own, so a page's query count is the same with a budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

T = TypeVar("T")

# How many SQLite virtual-machine instructions between checks of the clock: a few microseconds.
SQLITE_CHECK_EVERY = 1000


class BudgetSpent(Exception):
    """The time budget ran out before (or while) the query ran; its result is not available."""


class TimeBudget:
    """Seconds shared by a page's optional queries; see the module docstring.

    ``TimeBudget(None)`` reads ``CATALOGUE_FACET_TIME_BUDGET_MS``; a budget of 0 means no limit.
    """

    def __init__(self, milliseconds: int | None = None, *, using: str = DEFAULT_DB_ALIAS):
        if milliseconds is None:
            milliseconds = settings.CATALOGUE_FACET_TIME_BUDGET_MS
        if milliseconds < 0:
            raise ValueError(f"A time budget cannot be negative ({milliseconds} ms).")
        self.limited = milliseconds > 0
        self.deadline = time.monotonic() + milliseconds / 1000
        self.using = using
        self.spent = False
        """True once a call has been refused or interrupted: the page then says counts are missing."""

    def remaining(self) -> float:
        return self.deadline - time.monotonic() if self.limited else float("inf")

    def run(self, work: Callable[[], T]) -> T:
        """``work()``, or :class:`BudgetSpent` when the budget runs out first (the query is interrupted)."""
        if not self.limited:
            return work()
        remaining = self.remaining()
        if remaining <= 0:
            self.spent = True
            raise BudgetSpent
        connection = connections[self.using]
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            return self._run_sqlite(connection, work)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            return self._run_postgresql(connection, work, remaining)
        result = work()
        if self.remaining() <= 0:
            # Finished late where it could not be interrupted: keep the result, refuse what follows.
            self.deadline = time.monotonic()
        return result

    def _run_sqlite(self, connection, work: Callable[[], T]) -> T:
        deadline = self.deadline
        raw = connection.connection
        raw.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_CHECK_EVERY)
        try:
            return work()
        except OperationalError as error:
            if "interrupted" not in str(error):
                raise
            self.spent = True
            raise BudgetSpent from error
        finally:
            raw.set_progress_handler(None, SQLITE_CHECK_EVERY)

    def _run_postgresql(self, connection, work: Callable[[], T], remaining: float) -> T:
        raw = connection.connection
        lock = threading.Lock()
        state = {"running": True, "cancelled": False}

        def cancel() -> None:
            # Under the lock, so a cancel never reaches the server after this query has returned.
            with lock:
                if state["running"]:
                    state["cancelled"] = True
                    raw.cancel()

        timer = threading.Timer(remaining, cancel)
        timer.daemon = True
        timer.start()
        try:
            return work()
        except OperationalError as error:
            if not state["cancelled"]:
                raise
            self.spent = True
            raise BudgetSpent from error
        finally:
            with lock:
                state["running"] = False
            timer.cancel()
