"""Setting a table's secondary indexes aside for a bulk rewrite, and building them again once at the end.

A full rebuild of the search documents rewrites every row. Kept up to date row by row, the
documents' indexes cost more than building the documents: on SQLite the FTS5 triggers of
migration ``core.0004`` index each row as it is written, on PostgreSQL each insert updates
three GIN indexes. :func:`set_aside` removes them for the rewrite and recreates them after it,
in the same transaction, from their definitions as the database holds them (``sqlite_master``,
``pg_get_indexdef``): the migrations stay the one place that defines them.

On PostgreSQL the dropped indexes lock the table (``ACCESS EXCLUSIVE``) until the transaction
ends, so searches wait for a rebuild to commit instead of reading the old documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.transaction import TransactionManagementError


@contextmanager
def set_aside(connection, table: str) -> Iterator[None]:
    """Within a transaction: drop ``table``'s triggers (SQLite) or its indexes backing no constraint (PostgreSQL),
    then, when the block ends without error, create them again as they were.

    Rows written inside the block are not indexed by what was set aside until it is recreated;
    an SQLite FTS5 index over ``table`` must then be rebuilt by the caller (``'rebuild'``).
    """
    if not connection.in_atomic_block:  # an error would leave them dropped
        raise TransactionManagementError("Set a table's indexes aside only inside a transaction.")
    statements = _definitions(connection, table)
    with connection.cursor() as cursor:
        for name, _ in statements:
            kind = "TRIGGER" if connection.vendor == "sqlite" else "INDEX"
            cursor.execute(f"DROP {kind} {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, definition in statements:
            cursor.execute(definition)


def _definitions(connection, table: str) -> list[tuple[str, str]]:
    """The (name, SQL) of each trigger or index :func:`set_aside` sets aside, as the database holds it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        elif connection.vendor == "postgresql":
            cursor.execute(
                """SELECT index_class.relname, pg_get_indexdef(ix.indexrelid)
                FROM pg_index ix JOIN pg_class index_class ON index_class.oid = ix.indexrelid
                WHERE ix.indrelid = %s::regclass
                AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE pg_constraint.conindid = ix.indexrelid)
                ORDER BY index_class.relname""",
                [connection.ops.quote_name(table)],
            )
        else:
            return []
        return list(cursor.fetchall())
