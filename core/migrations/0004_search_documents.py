"""Search documents and their word list (``core.search``), with each database's index over them.

SQLite: an FTS5 table over the documents' words (they are already searchable words, so the
plain word tokenizer, with prefix indexes for "a word's start" queries; the trigram tokenizer
was tried first and was several times slower, its common trigrams giving long lists), its content read from
``core_searchdocument`` and kept in step by triggers, so any write to a document (the ORM's,
a bulk load's) updates the index in the same transaction. PostgreSQL: a full-text GIN index
over the body's words, which finds the candidates (trigram GIN indexes on the two columns were
tried alone first: the planner misjudged "% ai %" and filtered every row), and trigram GIN
indexes on the two columns for ``LIKE`` tests elsewhere. Fill the documents with
``manage.py refresh_search_index`` (``load_catalogue`` runs it).
"""

from django.db import migrations, models

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE core_searchdocument_fts USING fts5(
        names, body, content='core_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3 4')""",
    """CREATE TRIGGER core_searchdocument_fts_insert AFTER INSERT ON core_searchdocument BEGIN
        INSERT INTO core_searchdocument_fts(rowid, names, body) VALUES (new.id, new.names, new.body);
    END""",
    """CREATE TRIGGER core_searchdocument_fts_delete AFTER DELETE ON core_searchdocument BEGIN
        INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, names, body)
        VALUES ('delete', old.id, old.names, old.body);
    END""",
    """CREATE TRIGGER core_searchdocument_fts_update AFTER UPDATE ON core_searchdocument BEGIN
        INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, names, body)
        VALUES ('delete', old.id, old.names, old.body);
        INSERT INTO core_searchdocument_fts(rowid, names, body) VALUES (new.id, new.names, new.body);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_update",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_delete",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_insert",
    "DROP TABLE IF EXISTS core_searchdocument_fts",
]
POSTGRES_CREATE = [
    # The words are already normalised, so the "simple" configuration (no stemming, no stop words).
    "CREATE INDEX IF NOT EXISTS search_document_body_fts ON core_searchdocument "
    "USING gin (to_tsvector('simple', body))",
    "CREATE INDEX IF NOT EXISTS search_document_body_trgm ON core_searchdocument USING gin (body gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_document_names_trgm ON core_searchdocument USING gin (names gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_body_fts","DROP INDEX IF EXISTS search_document_body_trgm", "DROP INDEX IF EXISTS search_document_names_trgm"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0003_trigram_operator_cost")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model", models.CharField(max_length=100)),
                ("object_id", models.BigIntegerField()),
                ("names", models.TextField(blank=True, default="")),
                ("body", models.TextField(blank=True, default="")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("model", "object_id"), name="search_document_unique_record")
                ]
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            elidable=False,
        ),
    ]
