"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters
from django.db.models import Q

from core.filters import AliasedOrderingFilter, CatalogueFilterSet, OrderingFilter, SearchFilter, YearFilter
from core.models import AmountQualifier
from funding.models import MAX_AMOUNT_GBP, FundingAward, FundingPeriod, FundingStream
from organisations.models import Organisation
from programmes.models import Programme


class FundingAwardFilterSet(CatalogueFilterSet):
    """Filters of the award list: funder, recipient, stream, year, qualifier, period, amount."""

    q = SearchFilter(help_text="Words in the title or description.")
    search = SearchFilter(help_text="Same as q.")
    funder = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), to_field_name="slug")
    recipient = django_filters.CharFilter(
        method="filter_recipient", max_length=120, help_text="Slug of the recipient programme or organisation."
    )
    stream = django_filters.ModelChoiceFilter(
        method="filter_stream",
        queryset=FundingStream.objects.all(),
        to_field_name="slug",
        help_text="Slug of a funding stream; includes its sub-streams.",
    )
    year = YearFilter(field_name="announced_year")
    qualifier = django_filters.ChoiceFilter(field_name="amount_qualifier", choices=AmountQualifier.choices)
    period = django_filters.ChoiceFilter(choices=FundingPeriod.choices)
    amount_min = django_filters.NumberFilter(
        field_name="amount_gbp", lookup_expr="gte", min_value=0, max_value=MAX_AMOUNT_GBP
    )
    amount_max = django_filters.NumberFilter(
        field_name="amount_gbp", lookup_expr="lte", min_value=0, max_value=MAX_AMOUNT_GBP
    )
    expected_match = django_filters.BooleanFilter(field_name="is_expected_match")
    ordering = AliasedOrderingFilter(
        fields=(("amount_gbp", "amount_gbp"), ("title", "title"), ("announced_year", "announced")),
        field_labels={"amount_gbp": "Amount"},
        aliases={"amount": "amount_gbp"},
        help_text="amount_gbp, title or announced; prefix with - for descending. 'amount' is accepted too.",
    )

    class Meta:
        model = FundingAward
        fields = ["q", "search", "funder", "recipient", "stream", "year", "qualifier", "period"]

    def filter_recipient(self, queryset, name, value):
        """Awards to the programme or the organisation with that slug.

        Written as two key lookups (``recipient_programme_id IN (...) OR ...``) rather than an OR
        across two joins, which the database can only answer by joining every award (a third of a
        second at 200,000 awards, on each of the page's ten queries); the keys use their indexes.
        """
        programmes = Programme.objects.filter(slug=value).values("pk")
        organisations = Organisation.objects.filter(slug=value).values("pk")
        return queryset.filter(Q(recipient_programme__in=programmes) | Q(recipient_organisation__in=organisations))

    def filter_stream(self, queryset, name, value):
        """Awards from the stream or any of its direct sub-streams."""
        return queryset.filter(Q(stream=value) | Q(stream__parent=value))


class FundingStreamFilterSet(CatalogueFilterSet):
    """Filters of the funding stream list."""

    q = SearchFilter(help_text="Words in the name or description.")
    search = SearchFilter(help_text="Same as q.")
    administered_by = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), to_field_name="slug")
    parent = django_filters.ModelChoiceFilter(queryset=FundingStream.objects.all(), to_field_name="slug")

    ordering = OrderingFilter(fields=(("name", "name"),))

    class Meta:
        model = FundingStream
        fields = ["q", "search", "administered_by", "parent"]
