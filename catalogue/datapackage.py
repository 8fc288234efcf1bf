"""The whole catalogue as a Frictionless (Tabular) Data Package: one CSV per table and a ``datapackage.json``.

The tables come from :func:`core.apps.catalogue_models`, so a new model of a catalogue app is
published without editing a list here: each model is one CSV of its public columns (every
concrete, editable field; computed columns are left out), and each automatically
created many-to-many table (a programme's missions, an event's people) is one more. Foreign
keys between tables are declared in each Table Schema.

Citations point at any record through a content type; their CSV says which table and row
instead (``record_table``, ``record_id``), and every other column is read from the model's own
fields, so the fields citations are about to gain (a qualifier, an as-of date, a rank) appear
in the package, typed and described, as soon as they exist.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Field, ForeignKey, Model

from core.apps import catalogue_models
from sources.models import Citation, Source

PACKAGE_NAME = "nhs-digital-ai-programmes-catalogue"
DESCRIPTOR_NAME = "datapackage.json"
CHUNK_SIZE = 2000

# Django's field types as Table Schema types; anything else is a string.
_TYPES = {
    "AutoField": "integer",
    "BigAutoField": "integer",
    "SmallAutoField": "integer",
    "IntegerField": "integer",
    "BigIntegerField": "integer",
    "SmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveBigIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "DecimalField": "number",
    "FloatField": "number",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its CSV header, the ``values_list`` lookup filling it, and its Table Schema field."""

    name: str
    lookup: str
    type: str = "string"
    description: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()
    references: str | None = None
    """The table a foreign key column points at (its ``id``)."""

    def schema(self) -> dict:
        spec = {"name": self.name, "type": self.type}
        if self.description:
            spec["description"] = self.description
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            spec["constraints"] = constraints
        return spec


@dataclass(frozen=True)
class Table:
    """One CSV of the package: a name, what it holds, its columns and how its rows are read."""

    name: str
    title: str
    description: str
    model: type[Model]
    columns: tuple[Column, ...]
    extra_lookups: tuple[str, ...] = ()
    convert: Callable[[tuple], tuple] | None = None
    """Turns a row of ``columns`` then ``extra_lookups`` into the row written (citations use it)."""

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    def rows(self) -> Iterator[tuple]:
        """Every row, in key order: one query, read in chunks."""
        lookups = [column.lookup for column in self.columns] + list(self.extra_lookups)
        queryset = self.model._default_manager.order_by("pk").values_list(*lookups)
        for row in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield self.convert(row) if self.convert else row

    def schema(self) -> dict:
        foreign_keys = [
            {
                "fields": column.name,
                "reference": {"resource": "" if column.references == self.name else column.references, "fields": "id"},
            }
            for column in self.columns
            if column.references is not None
        ]
        schema = {"fields": [column.schema() for column in self.columns], "primaryKey": ["id"]}
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        return schema


def table_name(model: type[Model]) -> str:
    """The name of a model's table in the package: its database table, e.g. ``programmes_programme``."""
    return model._meta.db_table


def public_fields(model: type[Model]) -> list[Field]:
    """The fields of ``model`` the public sees: concrete and editable (its key included), in declaration order.

    Computed columns the site keeps for itself (a search vector) are not editable, so are left out.
    """
    return [f for f in model._meta.concrete_fields if f.editable or f.primary_key]


def _column(model_field: Field, tables: set[type[Model]]) -> Column:
    if isinstance(model_field, ForeignKey):
        target = model_field.related_model
        return Column(
            name=model_field.attname,
            lookup=model_field.attname,
            type="integer",
            description=str(model_field.help_text or f"The {model_field.verbose_name} (id in {table_name(target)}).")
            if target in tables
            else str(model_field.help_text or model_field.verbose_name),
            required=not model_field.null,
            references=table_name(target) if target in tables else None,
        )
    kind = _TYPES.get(model_field.get_internal_type(), "string")
    enum = tuple(str(value) for value, _ in model_field.flatchoices if value not in ("", None))
    return Column(
        name=model_field.attname,
        lookup=model_field.attname,
        type=kind,
        description=str(model_field.help_text or model_field.verbose_name),
        required=model_field.primary_key or not (model_field.null or model_field.blank),
        enum=enum,
    )


def _many_to_many_models() -> list[type[Model]]:
    """The automatically created many-to-many tables of the catalogue models (``Programme.missions``...)."""
    return [
        relation.remote_field.through
        for model in catalogue_models()
        for relation in model._meta.local_many_to_many
        if relation.remote_field.through._meta.auto_created
    ]


def _citation_table(tables: set[type[Model]]) -> Table:
    """Citations: every public field of the model, content type and object id replaced by the record table and id."""
    by_content_type = {(m._meta.app_label, m._meta.model_name): table_name(m) for m in tables}
    generic = {"content_type", "object_id"}
    columns = [_column(f, tables) for f in public_fields(Citation) if f.name not in generic]
    position = next(index for index, column in enumerate(columns) if column.name == "source_id") + 1
    columns[position:position] = [
        Column(
            "record_table",
            "content_type__model",
            description="The table of the record cited.",
            required=True,
            enum=tuple(sorted(by_content_type.values())),
        ),
        Column("record_id", "object_id", "integer", "The id of the record cited, in record_table.", required=True),
    ]
    record_table = next(index for index, column in enumerate(columns) if column.name == "record_table")

    def convert(row: tuple) -> tuple:
        *values, app_label = row
        values[record_table] = by_content_type.get((app_label, values[record_table]), "")
        return tuple(values)

    return Table(
        name=table_name(Citation),
        title="Citations",
        description="Each verbatim quote from a source that supports a record, or one field of it, "
        "with the value as the source states it. Differing values of one field are all kept.",
        model=Citation,
        columns=tuple(columns),
        extra_lookups=("content_type__app_label",),
        convert=convert,
    )


def package_tables() -> list[Table]:
    """Every table of the package: the catalogue's models (lowest layer first), then their many-to-many tables."""
    models = [model for model in catalogue_models() if model is not Citation]
    through = _many_to_many_models()
    tables = {*models, *through, Citation}
    result = []
    for model in [*models, *through]:
        meta = model._meta
        title = str(meta.verbose_name_plural).capitalize()
        description = " ".join((model.__doc__ or title).split())
        if meta.auto_created:
            description = f"Which {meta.auto_created._meta.verbose_name_plural} are linked to which: {title}."
        columns = tuple(_column(f, tables) for f in public_fields(model))
        result.append(Table(table_name(model), title, description, model, columns))
    citations = _citation_table(tables)
    result.insert(next(i for i, t in enumerate(result) if t.model is Source) + 1, citations)
    return result


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, Decimal | datetime.date):
        return str(value)
    return str(value)


def write_csv(table: Table) -> tuple[bytes, int]:
    """The table as UTF-8 CSV with a header row, and how many rows it holds (one query)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    count = 0
    for row in table.rows():
        writer.writerow([_cell(value) for value in row])
        count += 1
    return buffer.getvalue().encode("utf-8"), count


@dataclass
class DataPackage:
    """The package's files by path (the descriptor and each CSV) and the row count of each table."""

    files: dict[str, bytes] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    descriptor: dict = field(default_factory=dict)

    def zip(self, when: datetime.datetime) -> bytes:
        """Every file in one zip; the same data and ``when`` give the same bytes."""
        stamp = when.astimezone(datetime.UTC).timetuple()[:6]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path, content in self.files.items():
                info = zipfile.ZipInfo(f"{PACKAGE_NAME}/{path}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
        return buffer.getvalue()


def licence() -> dict:
    """The licence of the data (``CATALOGUE_DATA_LICENCE``), as a Data Package licence."""
    return dict(settings.CATALOGUE_DATA_LICENCE)


def source_documents(absolute_url: Callable[[str], str]) -> list[dict]:
    """The source documents, for the descriptor's ``sources``: each title and address (one query)."""
    return [
        {"title": title, "path": url or absolute_url(Source(slug=slug).get_absolute_url())}
        for title, url, slug in Source.objects.order_by("title", "pk").values_list("title", "url", "slug")
    ]


def build_data_package(*, absolute_url: Callable[[str], str], created: datetime.datetime) -> DataPackage:
    """Every table's CSV and the descriptor: one query per table, one for the sources."""
    package = DataPackage()
    resources = []
    for table in package_tables():
        content, count = write_csv(table)
        package.files[table.path] = content
        package.row_counts[table.name] = count
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "path": table.path,
                "title": table.title,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                "schema": table.schema(),
            }
        )
    package.descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "NHS digital and AI programmes catalogue",
        "description": "Who runs which NHS digital and AI programme, with what money, towards which mission: "
        "organisations, people, programmes, missions, events, metrics, funding awards and streams, and the "
        "sources and verbatim quotes every fact rests on. Where sources disagree, each claim is kept.",
        "homepage": absolute_url("/data/"),
        "created": created.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "keywords": ["NHS", "digital health", "artificial intelligence", "programmes", "funding"],
        "licenses": [licence()],
        "sources": source_documents(absolute_url),
        "resources": resources,
    }
    package.files = {DESCRIPTOR_NAME: _json_bytes(package.descriptor), **package.files}
    return package


def _json_bytes(document) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def read_rows(content: bytes) -> Iterable[dict]:
    """The rows of one of the package's CSVs, as dictionaries (for readers and tests)."""
    return csv.DictReader(io.StringIO(content.decode("utf-8"), newline=""))
