"""The open-data downloads of ``/data/``, built once per catalogue revision and kept in storage.

Two files are published: the whole catalogue as a Data Package zip (``catalogue.datapackage``)
and the funding awards as a 360Giving file (``funding.api.serializers.as_360giving_package``),
with a small summary the ``/data/`` page reads (row counts, how many awards the 360Giving file
holds and leaves out, and why). They are built on the first request after a write and saved
in the ``open_data`` storage under the revision number (``core.models.CatalogueRevision``);
every later request until the next write reads the saved files, at the cost of one query.
``manage.py publish_data DIR`` writes the same files for a scheduled job.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from catalogue.datapackage import build_data_package
from core.models import CatalogueRevision
from funding.api.serializers import as_360giving_package
from funding.models import FundingAward

STORAGE_ALIAS = "open_data"
DATA_PACKAGE_FILE = "nhs-digital-ai-catalogue-datapackage.zip"
GRANTS_FILE = "nhs-digital-ai-catalogue-360giving.json"
SUMMARY_FILE = "summary.json"
DOWNLOAD_FILES = {DATA_PACKAGE_FILE: "application/zip", GRANTS_FILE: "application/json"}


def site_url(request=None) -> str:
    """The address the published files link to: ``CATALOGUE_SITE_URL``, else the request's own site."""
    if settings.CATALOGUE_SITE_URL:
        return settings.CATALOGUE_SITE_URL.rstrip("/") + "/"
    if request is None:
        raise ValueError("Set CATALOGUE_SITE_URL (or give a base URL): the files link to the catalogue's pages.")
    return request.build_absolute_uri("/")


def _json_bytes(document) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def build_downloads(base_url: str, revision: tuple[int, datetime.datetime] | None = None) -> dict[str, bytes]:
    """Every published file by name, built from the database now.

    One query per table of the package, two for the awards, one for the sources (and one for the
    revision unless given). The same data and ``base_url`` give the same bytes.
    """
    number, changed_at = revision or CatalogueRevision.current()

    def absolute_url(path: str) -> str:
        return urljoin(base_url, path)

    package = build_data_package(absolute_url=absolute_url, created=changed_at)
    grants = as_360giving_package(FundingAward.objects.order_by("pk"), absolute_url)
    reasons = Counter(reason for entry in grants["excluded"] for reason in entry["reasons"])
    files = {DATA_PACKAGE_FILE: package.zip(changed_at), GRANTS_FILE: _json_bytes(grants)}
    summary = {
        "revision": number,
        "changed_at": changed_at.isoformat(),
        "tables": [
            {"name": resource["name"], "title": resource["title"], "rows": package.row_counts[resource["name"]]}
            for resource in package.descriptor["resources"]
        ],
        "sources": len(package.descriptor["sources"]),
        "grants": len(grants["grants"]),
        "excluded": len(grants["excluded"]),
        "reasons": [{"reason": reason, "awards": count} for reason, count in reasons.most_common()],
        "sizes": {name: len(content) for name, content in files.items()},
    }
    return {**files, SUMMARY_FILE: _json_bytes(summary)}


@dataclass
class Downloads:
    """The files of one revision: in storage, or (when the catalogue changed while they were built) in memory."""

    prefix: str
    summary: dict
    built: dict[str, bytes] = field(default_factory=dict)

    def open(self, name: str) -> IO[bytes]:
        if name in self.built:
            return io.BytesIO(self.built[name])
        return storages[STORAGE_ALIAS].open(self.prefix + name, "rb")

    @property
    def changed_at(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.summary["changed_at"])


def published_downloads(base_url: str) -> Downloads:
    """The files of the current revision, built and saved first if this revision has none yet.

    One query (the revision) when they are saved already; otherwise :func:`build_downloads` and
    one more query, to check nothing was written meanwhile: files built while the catalogue
    changed are served to this request but not saved, so they never stand for a later revision.
    """
    storage = storages[STORAGE_ALIAS]
    number, changed_at = CatalogueRevision.current()
    revision_prefix = f"revision-{number}-"
    prefix = revision_prefix + hashlib.sha256(base_url.encode()).hexdigest()[:12] + "-"
    if storage.exists(prefix + SUMMARY_FILE):
        with storage.open(prefix + SUMMARY_FILE, "rb") as summary:
            return Downloads(prefix, json.load(summary))
    files = build_downloads(base_url, (number, changed_at))
    downloads = Downloads(prefix, json.loads(files[SUMMARY_FILE]))
    if CatalogueRevision.current()[0] != number:
        downloads.built = files
        return downloads
    for name, content in files.items():  # the summary last: it marks the set complete
        if not storage.exists(prefix + name):
            storage.save(prefix + name, ContentFile(content))
    _remove_other_revisions(storage, revision_prefix)
    return downloads


def _remove_other_revisions(storage, keep_prefix: str) -> None:
    _, names = storage.listdir("")
    for name in names:
        if name.startswith("revision-") and not name.startswith(keep_prefix):
            storage.delete(name)
