"""PostgreSQL only: drop the trigram indexes of the search documents' ``body`` and ``names``.

Search finds candidates with the full-text GIN index over ``(model, to_tsvector('simple', body))``
(``core.0008``) and tests the words of the few it ranks in the row itself, so no query reads
these two indexes; yet every document written updated them, and a full rebuild spent about 40 s
of its 120 s at 100,000 programmes building them again. Skipped on other databases.
"""

from django.db import migrations

DROP = [
    "DROP INDEX IF EXISTS search_document_body_trgm",
    "DROP INDEX IF EXISTS search_document_names_trgm",
]
CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_body_trgm ON core_searchdocument USING gin (body gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_document_names_trgm ON core_searchdocument USING gin (names gin_trgm_ops)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0008_search_document_model_words_index")]

    operations = [migrations.RunPython(run(DROP), run(CREATE), elidable=False)]
