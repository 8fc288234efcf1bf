"""PostgreSQL-only search indexes: GIN over the stored search vectors, trigram GIN for names and text.

Django's ``Meta.indexes`` cannot say "only on PostgreSQL", and the catalogue also runs on
SQLite, so these are created here and skipped on other databases. The trigram indexes on
``UPPER(column)`` serve Django's ``icontains`` (which PostgreSQL runs as ``UPPER(x) LIKE UPPER(y)``).
"""

from django.db import migrations

VECTOR_INDEXES = [
    ("programme_search_vector_gin", "programmes_programme", "search_vector"),
    ("organisation_search_vector_gin", "organisations_organisation", "search_vector"),
]
TRIGRAM_INDEXES = [
    ("programme_name_trgm", "programmes_programme", "name"),
    ("organisation_name_trgm", "organisations_organisation", "name"),
    ("organisation_acronym_trgm", "organisations_organisation", "acronym"),
]
# Columns searched with icontains by the search page, the API and the admin.
CONTAINS_INDEXES = [
    ("programmes_programmealias", "name"),
    ("organisations_organisationalias", "name"),
    ("organisations_person", "name"),
    ("organisations_role", "title"),
    ("programmes_mission", "title"),
    ("programmes_mission", "statement"),
    ("programmes_event", "name"),
    ("programmes_event", "description"),
    ("funding_fundingaward", "title"),
    ("funding_fundingaward", "description"),
    ("funding_fundingaward", "funder_description"),
    ("sources_source", "title"),
]

POPULATE = [
    """
    UPDATE programmes_programme AS p SET search_vector =
        setweight(to_tsvector('english', coalesce(p.name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
            (SELECT string_agg(a.name, ' ') FROM programmes_programmealias a WHERE a.programme_id = p.id), '')), 'A')
        || setweight(to_tsvector('english', coalesce(p.summary, '')), 'B')
        || setweight(to_tsvector('english', coalesce(p.description, '')), 'C')
    """,
    """
    UPDATE organisations_organisation AS o SET search_vector =
        setweight(to_tsvector('english', coalesce(o.name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(o.acronym, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
            (SELECT string_agg(a.name, ' ') FROM organisations_organisationalias a
             WHERE a.organisation_id = o.id), '')), 'A')
        || setweight(to_tsvector('english', coalesce(o.location, '')), 'B')
        || setweight(to_tsvector('english', coalesce(o.description, '')), 'C')
    """,
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in VECTOR_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column})")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")
    for table, column in CONTAINS_INDEXES:
        name = f"{table}_{column}_upper_trgm"[:63]
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )
    for statement in POPULATE:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    names = [name for name, _, _ in VECTOR_INDEXES + TRIGRAM_INDEXES]
    names += [f"{table}_{column}_upper_trgm"[:63] for table, column in CONTAINS_INDEXES]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_search_vector"),
        ("programmes", "0002_search_vector"),
        ("funding", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
