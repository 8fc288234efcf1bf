"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters

from core.filters import CatalogueFilterSet, OrderingFilter, SearchFilter
from sources.models import Citation, ClaimQualifier, ClaimRank, Source, SourceKind


class SourceFilterSet(CatalogueFilterSet):
    """Filters of the source list."""

    q = SearchFilter(help_text="Words in the title, publisher, author or summary.")
    search = SearchFilter(help_text="Same as q.")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    ordering = OrderingFilter(fields=(("title", "title"), ("published_year", "published")))

    class Meta:
        model = Source
        fields = ["q", "search", "kind"]


class ClaimFilterSet(CatalogueFilterSet):
    """Filters of the claims list in the API."""

    source = django_filters.CharFilter(field_name="source__slug", help_text="The source's slug.")
    kind = django_filters.CharFilter(field_name="content_type__model", help_text="The kind of record.")
    field = django_filters.CharFilter(field_name="field_name", help_text="The field's name.")
    qualifier = django_filters.ChoiceFilter(choices=ClaimQualifier.choices)
    rank = django_filters.ChoiceFilter(choices=ClaimRank.choices)

    class Meta:
        model = Citation
        fields = ["source", "kind", "field", "qualifier", "rank"]
