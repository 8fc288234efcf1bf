"""The time budget of optional queries (core/time_budget.py): a slow query is interrupted, a spent budget refuses."""

import time

import pytest
from django.db import connection

from core.time_budget import BudgetSpent, TimeBudget

# A query that runs for seconds on either database, reading no table: a count to 10**9.
SLOW_SQL = (
    "WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 1000000000) "
    "SELECT COUNT(*) FROM numbers"
)


def run_sql(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_a_negative_budget_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        TimeBudget(-1)


@pytest.mark.django_db
def test_no_budget_lets_every_query_run(settings):
    settings.CATALOGUE_FACET_TIME_BUDGET_MS = 0
    budget = TimeBudget()
    assert budget.run(lambda: run_sql("SELECT 2")) == 2
    assert budget.remaining() == float("inf")


@pytest.mark.django_db
def test_a_spent_budget_refuses_at_once_without_a_query(django_assert_num_queries):
    budget = TimeBudget(50)
    budget.deadline = time.monotonic() - 1
    with django_assert_num_queries(0), pytest.raises(BudgetSpent):
        budget.run(lambda: run_sql("SELECT 1"))
    assert budget.spent


@pytest.mark.django_db(transaction=True)
def test_a_slow_query_is_interrupted_at_the_deadline_and_the_connection_stays_usable():
    # transaction=True: the site serves in autocommit, where PostgreSQL's query can be cancelled.
    budget = TimeBudget(100)
    began = time.monotonic()
    with pytest.raises(BudgetSpent):
        budget.run(lambda: run_sql(SLOW_SQL))
    assert time.monotonic() - began < 5
    assert budget.spent
    assert run_sql("SELECT 3") == 3
    with pytest.raises(BudgetSpent):  # and what follows is refused
        budget.run(lambda: run_sql("SELECT 1"))


@pytest.mark.django_db
def test_a_query_finishing_within_the_budget_gives_its_result():
    budget = TimeBudget(5000)
    assert budget.run(lambda: run_sql("SELECT 4")) == 4
    assert not budget.spent

