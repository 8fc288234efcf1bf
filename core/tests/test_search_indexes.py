"""Setting the search documents' indexes aside for a rebuild (``core.search_indexes``)."""

import pytest
from django.db import connection, transaction

from core import search, search_indexes
from core.models import SearchDocument

pytestmark = pytest.mark.django_db

TABLE = SearchDocument._meta.db_table


def test_a_rebuild_leaves_the_indexes_as_the_migrations_made_them():
    made = search_indexes._definitions(connection, TABLE)

    search.rebuild()

    assert made  # SQLite's three FTS5 triggers, PostgreSQL's three GIN indexes
    assert search_indexes._definitions(connection, TABLE) == made


def test_a_failed_rebuild_rolls_back_to_the_indexes_it_set_aside():
    made = search_indexes._definitions(connection, TABLE)
    inside = []

    def fail_with_them_set_aside():
        with transaction.atomic(), search_indexes.set_aside(connection, TABLE):
            inside.extend(search_indexes._definitions(connection, TABLE))
            raise RuntimeError("a failed rebuild")

    with pytest.raises(RuntimeError):
        fail_with_them_set_aside()

    assert inside == []
    assert search_indexes._definitions(connection, TABLE) == made
