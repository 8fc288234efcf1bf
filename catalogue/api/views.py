"""The API's site-wide endpoints: search across every kind of record, and a JSON 404 for any other address."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.search import MAX_QUERY_LENGTH, QueryTooLong, did_you_mean, kind_names, search_catalogue
from core.api.caching import CachedReadMixin
from core.api.renderers import CatalogueCSVRenderer, flatten
from core.api.schema import CatalogueAutoSchema
from core.api.views import CatalogueContentNegotiation, errors_as_json, wants_csv

MAX_SEARCH_LIMIT = 50
# Read when the URLs load, after every app has registered its search index.
KIND_NAMES = kind_names()


@csrf_exempt
def api_not_found(request, path=""):
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": "Not found. The API's addresses are listed at /api/."}, status=404)



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
        if wants_csv(request) and response.status_code >= 400:
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
                "did_you_mean": serializers.CharField(
                    allow_blank=True,
                    help_text=(
                        "When nothing matched: the query with misspelt words replaced by the nearest words "
                        "the catalogue holds, if that finds something; otherwise empty."
                    ),
                ),
                "groups": SearchGroupSerializer(many=True),
                "results": SearchHitSerializer(many=True, help_text="Every listed hit, kind by kind."),
            },
        ),
    )
    def get(self, request):
        """Records of every kind matching ``q``: organisations, programmes, people, missions, funding, events, sources.

        Costs one count for every kind, the hits of each kind that matched and their prefetches;
        anonymous readers get a cached answer while the catalogue is unchanged.
        """
        return self.cached_response(request, lambda: self.search(request))

    def search(self, request):
        # A serializer reads the last of repeated values and takes an empty number as absent, so
        # "?limit=abc&limit=" would pass as the default: a one-value parameter given twice, or a
        # limit given empty, is refused.
        errors = {
            name: [f"Give {name} once (it was given {count} times)."]
            for name in ("q", "limit")
            if (count := len(request.query_params.getlist(name))) > 1
        }
        if request.query_params.get("limit") == "" and "limit" not in errors:
            errors["limit"] = [f"Enter limit as a whole number from 1 to {MAX_SEARCH_LIMIT}, or leave it out."]
        if errors:
            raise ValidationError(errors)
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
            "did_you_mean": did_you_mean(query, kinds) if query.strip() and not groups else "",
            "groups": data_groups,
            "results": [hit for group in data_groups for hit in group["hits"]],
        }
        if request.accepted_renderer.format == "csv":
            return Response([flatten(hit) for hit in data["results"]])
        return Response(data)
