"""The API's shared view machinery and the cross-catalogue search endpoint.

:class:`CatalogueViewSet` is a declarative ``ModelViewSet``: each app names its querysets,
serializers, FilterSet and expansions; this class turns ``?expand=`` into prefetches,
exports lists as CSV, runs every write in its own savepoint, and (through
:class:`~core.api.versioning.VersionedWritesMixin`) tags each record read with an ``ETag`` and
refuses a ``PUT``/``PATCH``/``DELETE`` whose ``If-Match`` names an older version (412).
"""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

import core.api.schema  # noqa: F401 - registers the LinkField schema extension
from core.api.caching import CachedListMixin, CachedReadMixin
from core.api.parsers import DepthLimitedJSONParser
from core.api.permissions import StaffModelPermissionsOrAnonReadOnly
from core.api.renderers import CatalogueCSVRenderer, flatten
from core.api.schema import CatalogueAutoSchema
from core.api.versioning import VersionedWritesMixin
from core.search import KIND_NAMES, MAX_QUERY_LENGTH, QueryTooLong, search_catalogue

MAX_SEARCH_LIMIT = 50


def _wants_csv(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "csv"


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


@csrf_exempt
def api_not_found(request, path=""):
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": "Not found. The API's addresses are listed at /api/."}, status=404)


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
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CatalogueCSVRenderer]
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
        raw = [value for value in self.request.query_params.getlist("expand") if value.strip()]  # ?expand= is none
        names = {name.strip() for value in raw for name in value.split(",")}
        allowed = self.expansion_names()
        if "" in names:
            raise ValidationError({"expand": [f"Name each expansion: {', '.join(allowed)}."]})
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
        # A CSV export is the whole (filtered) list; the paging parameters must still be well
        # formed, as the schema says, rather than silently ignored.
        if (
            getattr(self.request, "accepted_renderer", None) is not None
            and self.request.accepted_renderer.format == "csv"
        ):
            self.paginator.validate_parameters(self.request)
            return None
        return super().paginate_queryset(queryset)

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["filename"] = self.basename
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if _wants_csv(request):
            if response.status_code >= 400:
                errors_as_json(request, response)
            else:
                response["Content-Disposition"] = f'attachment; filename="{self.basename}.csv"'
        return response

    # Each write in a savepoint (updates and deletes: VersionedWritesMixin): a database error
    # rolls back cleanly (PostgreSQL would otherwise refuse every later query of the request)
    # and becomes a 400/409.
    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()


class SearchHitSerializer(serializers.Serializer):
    """One matching record."""

    kind = serializers.ChoiceField(choices=KIND_NAMES)
    title = serializers.CharField()
    url = serializers.URLField(help_text="The record's public page.")
    snippet = serializers.CharField()


class SearchGroupSerializer(serializers.Serializer):
    """How many records of one kind matched, of which ``hits`` lists the first ``limit``."""

    kind = serializers.ChoiceField(choices=KIND_NAMES)
    label = serializers.CharField()
    total = serializers.IntegerField()
    has_more = serializers.BooleanField()
    hits = SearchHitSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    """The parameters of a search."""

    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, allow_blank=True, required=False, default="")
    kind = serializers.MultipleChoiceField(choices=KIND_NAMES, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_SEARCH_LIMIT, required=False, default=20)


class SearchView(CachedReadMixin, APIView):
    """Search every kind of record; each hit says its kind and links to its page."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CatalogueCSVRenderer]
    permission_classes = [permissions.AllowAny]  # read-only: it answers GET alone
    content_negotiation_class = CatalogueContentNegotiation
    schema = CatalogueAutoSchema()
    offers_csv = True

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if _wants_csv(request) and response.status_code >= 400:
            errors_as_json(request, response)
        return response

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter("q", str, description=f"The words to find (at most {MAX_QUERY_LENGTH} characters)."),
            OpenApiParameter(
                "kind",
                str,
                many=True,
                explode=True,
                enum=list(KIND_NAMES),
                description="Only these kinds (repeat the parameter for several).",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_SEARCH_LIMIT, "default": 20},
                description=f"Hits per kind, 1 to {MAX_SEARCH_LIMIT} (default 20).",
            ),
        ],
        responses=inline_serializer(
            "SearchResults",
            fields={
                "query": serializers.CharField(),
                "count": serializers.IntegerField(help_text="Records matched, over every kind."),
                "groups": SearchGroupSerializer(many=True),
                "results": SearchHitSerializer(many=True, help_text="Every listed hit, kind by kind."),
            },
        ),
    )
    def get(self, request):
        """Records of every kind matching ``q``: organisations, programmes, people, missions, funding, events, sources.

        Costs two queries per kind (a count and the hits), plus a prefetch for kinds that matched;
        anonymous readers get a cached answer while the catalogue is unchanged.
        """
        return self.cached_response(request, lambda: self.search(request))

    def search(self, request):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query, limit = params.validated_data["q"], params.validated_data["limit"]
        kinds = params.validated_data.get("kind") or None
        try:
            groups = search_catalogue(query, limit_per_kind=limit, kinds=kinds)
        except QueryTooLong as exc:
            raise ValidationError({"q": [str(exc)]}) from exc
        data_groups = [
            {
                "kind": group.kind,
                "label": group.label,
                "total": group.total,
                "has_more": group.has_more,
                "hits": [
                    {
                        "kind": group.kind,
                        "title": hit.title,
                        "url": request.build_absolute_uri(hit.url),
                        "snippet": hit.snippet,
                    }
                    for hit in group.hits
                ],
            }
            for group in groups
        ]
        data = {
            "query": query,
            "count": sum(group.total for group in groups),
            "groups": data_groups,
            "results": [hit for group in data_groups for hit in group["hits"]],
        }
        if request.accepted_renderer.format == "csv":
            return Response([flatten(hit) for hit in data["results"]])
        return Response(data)
