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


@pytest.fixture
def spent_budget(monkeypatch):
    """Pages get a budget already run out, as on a catalogue too large to count within it."""

    class Spent(TimeBudget):
        def __init__(self, *args, **kwargs):
            super().__init__(1)
            self.deadline = time.monotonic() - 1

    monkeypatch.setattr("core.facets.TimeBudget", Spent)


@pytest.mark.django_db
def test_a_list_past_its_budget_answers_without_counts_and_says_so(client, spent_budget, django_assert_num_queries):
    from programmes.tests.factories import ProgrammeFactory, TopicFactory

    topic = TopicFactory(slug="imaging")
    ProgrammeFactory(topics=[topic], kind="project")

    # The facets' five queries are not made: the topic's slug, the count, the page and its two prefetches only.
    with django_assert_num_queries(5):
        response = client.get("/programmes/", {"topic": "imaging"})

    assert response.status_code == 200
    groups = {group.name: group for group in response.context["facets"]}
    assert not any(group.counted for group in groups.values())
    assert [option.value for option in groups["topic"].options] == ["imaging"]  # the chosen one stays
    assert {option.value for option in groups["kind"].options} >= {"project", "programme"}  # fixed choices stay
    assert "Counts are not shown: counting took too long" in response.text
    assert "Project (" not in response.text


@pytest.mark.django_db
def test_funding_past_its_budget_says_totals_are_not_shown(client, spent_budget):
    from funding.tests.factories import FundingAwardFactory

    FundingAwardFactory()

    response = client.get("/funding/")

    assert response.status_code == 200
    assert response.context["totals_not_shown"]
    assert "Totals by funder are not shown" in response.text
    assert len(response.context["awards"]) == 1
