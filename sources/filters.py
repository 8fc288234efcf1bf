"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters

from core.filters import CatalogueFilterSet, OrderingFilter, SearchFilter
from sources.models import Source, SourceKind


class SourceFilterSet(CatalogueFilterSet):
    """Filters of the source list."""

    q = SearchFilter(help_text="Words in the title, publisher, author or summary.")
    search = SearchFilter(help_text="Same as q.")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    ordering = OrderingFilter(fields=(("title", "title"), ("published_year", "published")))

    class Meta:
        model = Source
        fields = ["q", "search", "kind"]
