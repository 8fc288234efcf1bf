"""PostgreSQL only: one GIN index over a document's kind and its words, and ``to_tsvector``'s true cost.

Search joins each record to its document and asks for ``model = 'programmes.programme' AND
to_tsvector('simple', body) @@ ...``. Two things made the planner read every document of the
kind and compute ``to_tsvector`` of each body (3.3 s for "nhs ai lab funding" at 100,000
programmes, where the index finds the 2,781 matches in 55 ms):

- with the words alone indexed, it had to combine two indexes; with the kind in the same GIN
  index (``btree_gin`` makes a text column indexable by GIN), one bitmap scan finds exactly the
  kind's matches, and a query on the words alone (every kind) still uses it;
- PostgreSQL prices ``to_tsvector`` at 100 operator costs, about 0.25 of a page read, where
  parsing a document's body takes about as long as reading 50 pages (measured: 126 µs a row),
  so filtering every row looked cheap. At 5,000 it is priced as it runs. Changing a built-in
  function's cost needs its owner (a superuser); without one the step is skipped and search
  is correct, only slower on a broad query.

Skipped on other databases.
"""

from django.db import migrations, transaction
from django.db.utils import ProgrammingError

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE INDEX IF NOT EXISTS search_document_model_body_fts ON core_searchdocument "
    "USING gin (model, to_tsvector('simple', body))",
    "DROP INDEX IF EXISTS search_document_body_fts",
]
DROP = [
    "CREATE INDEX IF NOT EXISTS search_document_body_fts ON core_searchdocument USING gin (to_tsvector('simple', body))",
    "DROP INDEX IF EXISTS search_document_model_body_fts",
]
PARSE_COST, DEFAULT_COST = 5000, 100


def run(statements, cost):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(f"ALTER FUNCTION pg_catalog.to_tsvector(regconfig, text) COST {cost}")
        except ProgrammingError:  # not the function's owner: keep the default
            pass

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0007_facet_count_common_values")]

    operations = [migrations.RunPython(run(CREATE, PARSE_COST), run(DROP, DEFAULT_COST), elidable=False)]
