"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters
from django.db.models import Q

from core.filters import OrderingFilter
from sources.models import Source, SourceKind


class SourceFilterSet(django_filters.FilterSet):
    """Filters of the source list."""

    q = django_filters.CharFilter(method="filter_text", max_length=200, label="Search")
    search = django_filters.CharFilter(method="filter_text", max_length=200, label="Search")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    ordering = OrderingFilter(fields=(("title", "title"), ("published_year", "published")))

    class Meta:
        model = Source
        fields = ["q", "search", "kind"]

    def filter_text(self, queryset, name, value):
        """Sources whose title, publisher, author or summary contains the words."""
        return queryset.filter(
            Q(title__icontains=value) | Q(publisher__icontains=value) | Q(author__icontains=value)
            | Q(summary__icontains=value)
        )
