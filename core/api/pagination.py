"""Pagination of API lists: a count, next and previous links, and a bounded page size."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from core.querysets import DeferredJoinPaginator

MAX_PAGE_SIZE = 100


class CataloguePagination(PageNumberPagination):
    """Page-number pagination whose ``page_size`` may be chosen up to :data:`MAX_PAGE_SIZE`.

    An oversize or malformed ``page_size`` is refused with a 400 naming the parameter rather
    than silently clamped, so a client learns its request was not what it asked for.
    """

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = DeferredJoinPaginator

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({self.page_size_query_param: ["A whole number is required."]}) from None
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Must be between 1 and {self.max_page_size}."]})
        return size

    def paginate_queryset(self, queryset, request, view=None):
        # DRF reads ?page= as the first page; the schema (and a client) expects a number.
        self.validate_parameters(request)
        return super().paginate_queryset(queryset, request, view)

    def validate_parameters(self, request) -> None:
        """Refuse a malformed ``page`` or ``page_size`` with a 400, for answers that are not paged (CSV)."""
        self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not (raw.isdigit() and int(raw) >= 1):
            raise ValidationError({self.page_query_param: ["A whole number from 1 is required."]})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters
