"""The API's shared view machinery: the base viewset every app's API derives from.

:class:`CatalogueViewSet` is a declarative ``ModelViewSet``: each app names its querysets,
serializers, FilterSet and expansions; this class turns ``?expand=`` into prefetches,
exports lists as CSV, runs every write in its own savepoint, and (through
:class:`~core.api.versioning.VersionedWritesMixin`) tags each record read with an ``ETag`` and
refuses a ``PUT``/``PATCH``/``DELETE`` whose ``If-Match`` names an older version (412).
"""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

import core.api.schema  # noqa: F401 - registers the LinkField schema extension
from core.api.caching import CachedListMixin
from core.api.parsers import DepthLimitedJSONParser
from core.api.permissions import StaffModelPermissionsOrAnonReadOnly
from core.api.renderers import CatalogueCSVRenderer, CatalogueJSONDownloadRenderer
from core.api.schema import CatalogueAutoSchema
from core.api.versioning import VersionedWritesMixin

# Formats that export a list whole, each as a file to save; the HTML lists link to both.
DOWNLOAD_EXTENSIONS = {"csv": "csv", "json-download": "json"}


def wants_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "csv"


def download_format(request) -> str | None:
    """``csv`` or ``json-download`` when the request asks for the whole list as a file, else None."""
    renderer = getattr(request, "accepted_renderer", None)
    return renderer.format if renderer is not None and renderer.format in DOWNLOAD_EXTENSIONS else None


class CatalogueContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, except that an empty ``?format=`` is an unknown format (404), not JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if format_suffix is None and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise Http404("Give a format: json or csv.")
        return super().select_renderer(request, renderers, format_suffix)


_BOOLEAN_WORDS = {"true", "false", "True", "False", "1", "0"}


class StrictFilterBackend(DjangoFilterBackend):
    """The shared FilterSets, refusing what the HTML lists would quietly ignore.

    django-filter reads ``?top_level=perhaps`` and ``?year=`` as "no filter"; an API client
    should hear that its filter was not applied, as the schema (a boolean, an integer) says.
    """

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for name, filter_ in filterset.filters.items():
                raw = request.query_params.get(name)
                if isinstance(filter_, django_filters.BooleanFilter) and raw not in (None, *_BOOLEAN_WORDS):
                    raise ValidationError({name: ["Must be true or false."]})
                if isinstance(filter_, django_filters.NumberFilter) and raw is not None and not raw.strip():
                    raise ValidationError({name: ["Give a number, or leave the filter out."]})
        return filterset


def errors_as_json(request, response) -> None:
    """Render an error answer as JSON even when CSV was asked for: errors are not rows."""
    response.accepted_renderer = JSONRenderer()
    response.accepted_media_type = JSONRenderer.media_type
    request.accepted_renderer = response.accepted_renderer


class CatalogueViewSet(CachedListMixin, VersionedWritesMixin, viewsets.ModelViewSet):
    """Read for anyone, write as active staff with the model permission; slim lists, full details; versioned writes.

    Subclasses set ``list_queryset``/``detail_queryset`` (``queryset`` is the detail one),
    ``serializer_class`` (detail and writes), ``list_serializer_class`` (slim rows whose
    ``Meta.expansions`` name the optional parts), ``filterset_class``, and
    ``expansion_prefetches`` mapping an expansion to the ``prefetch_related`` it needs.
    """

    lookup_field = "slug"
    lookup_value_regex = r"[^/.]+"
    permission_classes = [StaffModelPermissionsOrAnonReadOnly]
    parser_classes = [DepthLimitedJSONParser]
    content_negotiation_class = CatalogueContentNegotiation
    filter_backends = [StrictFilterBackend]
    list_queryset = None
    list_serializer_class = None
    expansion_prefetches: dict[str, list] = {}
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CatalogueCSVRenderer, CatalogueJSONDownloadRenderer]
    offers_csv = True
    schema = CatalogueAutoSchema()

    @classmethod
    def expansion_names(cls) -> list[str]:
        """The expansions a list accepts, in a fixed order."""
        serializer = cls.list_serializer_class
        return list(getattr(getattr(serializer, "Meta", None), "expansions", {}))

    def requested_expansions(self) -> set[str]:
        """The ``expand`` parameter as a set; an unknown name is a 400 naming it."""
        if self.action != "list":
            return set()
        # An empty name means none: on the wire ``?expand=`` is both an empty list and a list
        # holding "", so the schema allows "" and ``?expand=organisations,`` is organisations.
        raw = self.request.query_params.getlist("expand")
        names = {name.strip() for value in raw for name in value.split(",")} - {""}
        allowed = self.expansion_names()
        if unknown := names - set(allowed):
            raise ValidationError(
                {"expand": [f"Unknown expansion(s): {', '.join(sorted(unknown))}. Choose from {', '.join(allowed)}."]}
            )
        return names

    def get_queryset(self):
        if self.action == "list" and self.list_queryset is not None:
            queryset = self.list_queryset.all()
            for name in sorted(self.requested_expansions()):
                queryset = queryset.prefetch_related(*self.expansion_prefetches.get(name, []))
            return queryset
        return super().get_queryset()

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return super().get_serializer_class()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "request", None) is not None and getattr(self, "action", None) == "list":
            context["expand"] = self.requested_expansions()
        return context

    def paginate_queryset(self, queryset):
        # A download (CSV or JSON) is the whole (filtered) list; the paging parameters must
        # still be well formed, as the schema says, rather than silently ignored.
        if download_format(self.request) is not None:
            self.paginator.validate_parameters(self.request)
            return None
        return super().paginate_queryset(queryset)

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["filename"] = self.basename
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (exported := download_format(request)) is not None:
            if response.status_code >= 400:
                errors_as_json(request, response)
            else:
                extension = DOWNLOAD_EXTENSIONS[exported]
                response["Content-Disposition"] = f'attachment; filename="{self.basename}.{extension}"'
        return response

    # Each write in a savepoint (updates and deletes: VersionedWritesMixin): a database error
    # rolls back cleanly (PostgreSQL would otherwise refuse every later query of the request)
    # and becomes a 400/409.
    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()
