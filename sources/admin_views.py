"""Two staff pages of the admin beside the source admin: citing from a source, and the review queue.

* :class:`CiteFromSourceView` (``/admin/sources/source/<pk>/cite/``): find a passage in the
  source's text, take it as the quote, find the record it supports across every kind of record
  (each kind searched with its own admin's ``search_fields``), pick the field, state the value as
  written with its qualifier, as-of date and rank, and save: one form, the quote checked as
  everywhere else. Plain links and forms, no script: it works without JavaScript under the CSP.
* :class:`ReviewQueueView` (``/admin/sources/source/review/``): what needs a member of staff,
  each row linking to the record's admin page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.views.generic import TemplateView

from sources.admin import CitationForm
from sources.citations import citable_field_choices, cited_kinds, field_label, with_records
from sources.models import Citation, ClaimQualifier, Source, may_rank
from sources.quotes import SourceText

RECORDS_PER_KIND = 10
PASSAGES_SHOWN = 20


def admin_change_url(record: Model) -> str | None:
    """The admin page of ``record``, else of the record whose page shows it (no query when joined in)."""
    for candidate in (record, *(getattr(record, name, None) for name in getattr(record, "page_owners", ()))):
        if candidate is None:
            continue
        opts = candidate._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[candidate.pk])
        except NoReverseMatch:
            continue
    return None


class StaffPageMixin:
    """A page of the admin site: its context (site header, sidebar) and a permission the user must hold."""

    model_admin: ModelAdmin = None
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.model_admin.admin_site.each_context(self.request), opts=self.model_admin.model._meta, **kwargs
        )


class CiteForm(CitationForm):
    """A claim of the chosen record, from the source on screen (source and record are set by the view)."""

    class Meta(CitationForm.Meta):
        fields = [name for name in CitationForm.Meta.fields if name != "source"]

    def __init__(self, *args, model: type[Model], may_rank: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        choices = citable_field_choices(model)
        self.fields["field_name"] = forms.ChoiceField(choices=choices, required=False, label="Field")
        if not may_rank:
            # A contributor's claims are ranked normal; an editor decides disputes.
            for name in ("rank", "rank_reason"):
                self.fields.pop(name, None)


@dataclass(frozen=True)
class FoundRecord:
    kind: str
    kind_label: str
    record: Model

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record.pk}"


class CiteFromSourceView(StaffPageMixin, TemplateView):
    """Cite a passage of one source for a record's field, in one step. Costs, besides the source: one query
    per kind of record searched (at most :data:`RECORDS_PER_KIND` each), one for the chosen record."""

    template_name = "admin/sources/source/cite.html"
    permission = "sources.add_citation"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.source = get_object_or_404(Source, pk=kwargs["pk"])
        self.state = {name: request.GET.get(name, "").strip() for name in ("q", "quote", "record_q", "record")}
        self.record, self.record_kind = self._chosen_record(self.state["record"])

    def _chosen_record(self, key: str) -> tuple[Model | None, str]:
        kind, _, pk = key.partition(":")
        model = cited_kinds().get(kind)
        if model is None or not pk.isdigit():
            return None, ""
        return model._default_manager.filter(pk=int(pk)).first(), kind

    def link(self, **changes) -> str:
        """This page's URL with the state of the flow, changed as given."""
        state = {**self.state, **changes}
        return "?" + urlencode({name: value for name, value in state.items() if value})

    def find_records(self, words: str) -> list[FoundRecord]:
        found = []
        for kind, model in cited_kinds().items():
            model_admin = self.model_admin.admin_site._registry.get(model)
            if model_admin is None or not model_admin.search_fields:
                continue
            if not model_admin.has_view_permission(self.request):
                continue
            related = model.cited_select_related or model.page_owners
            queryset, _ = model_admin.get_search_results(
                self.request, model._default_manager.select_related(*related), words
            )
            label = str(model._meta.verbose_name).capitalize()
            found += [FoundRecord(kind, label, record) for record in queryset.distinct()[:RECORDS_PER_KIND]]
        return found

    def get_form(self, data=None) -> CiteForm | None:
        if self.record is None:
            return None
        instance = Citation(
            source=self.source,
            content_type=ContentType.objects.get_for_model(self.record),
            object_id=self.record.pk,
        )
        initial = {"quote": self.state["quote"]}
        return CiteForm(
            data, instance=instance, initial=initial, model=type(self.record), may_rank=may_rank(self.request.user)
        )

    def get_context_data(self, form=None, **kwargs):
        state = self.state
        passages = SourceText(self.source.text).search(state["q"], PASSAGES_SHOWN) if state["q"] else []
        records = self.find_records(state["record_q"]) if state["record_q"] else []
        return super().get_context_data(
            title=f"Cite from {self.source.title}",
            source=self.source,
            state=state,
            passages=[(passage, self.link(quote=passage)) for passage in passages],
            records=[(found, self.link(record=found.key, record_q="")) for found in records],
            record=self.record,
            record_kind=str(type(self.record)._meta.verbose_name).capitalize() if self.record else "",
            form=form if form is not None else self.get_form(),
            change_record_link=self.link(record=""),
            source_admin_url=reverse("admin:sources_source_change", args=[self.source.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.state["record"] = request.POST.get("record", "")
        self.record, self.record_kind = self._chosen_record(self.state["record"])
        form = self.get_form(request.POST)
        if form is None:
            messages.error(request, "Choose the record the quote supports.")
            return self.render_to_response(self.get_context_data())
        if not form.is_valid():
            self.state["quote"] = request.POST.get("quote", "")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        claim = form.save()
        change_url = reverse("admin:sources_citation_change", args=[claim.pk])
        message = format_html('Saved <a href="{}">the claim</a> for {}.', change_url, self.record)
        messages.success(request, message)
        return HttpResponseRedirect(self.link(quote="", q=self.state["q"]))


def _field_names() -> Prefetch:
    """Records' claims with only what ``unsupported_fields()`` reads (no source text): one query."""
    return Prefetch("citations", queryset=Citation.objects.only("pk", "content_type_id", "object_id", "field_name"))


@dataclass
class ReviewRow:
    """One thing to review: what it is, the record (or source) concerned, and where to fix it."""

    kind: str
    label: str
    detail: str
    url: str | None


class ReviewQueueView(StaffPageMixin, TemplateView):
    """Problems for staff, each linking to the admin page to fix it. Queries are bounded by the number of
    kinds of record, never by the number of records: per kind, its records, their claims and any
    many-to-many field to be supported (about forty in all), plus four for claims and sources."""

    template_name = "admin/sources/source/review.html"
    permission = "sources.view_citation"

    def unsupported_fields(self) -> list[ReviewRow]:
        rows = []
        for model in cited_kinds().values():
            many_to_many = [field.name for field in model._meta.many_to_many if field.name in model.claimed_fields]
            related = model.cited_select_related or model.page_owners
            records = model._default_manager.select_related(*related).prefetch_related(_field_names(), *many_to_many)
            for record in records:
                missing = record.unsupported_fields()
                if missing:
                    labels = ", ".join(field_label(model, name) for name in missing)
                    rows.append(ReviewRow(str(model._meta.verbose_name), str(record), labels, admin_change_url(record)))
        return rows

    @staticmethod
    def claim_rows(citations) -> list[ReviewRow]:
        rows = []
        for citation in citations:
            record = citation.record
            model = citation.content_type.model_class()
            kind = str(model._meta.verbose_name) if model else citation.content_type.model
            field = field_label(model, citation.field_name) or "the record as a whole"
            detail = f"{field}: “{citation.claimed_value or citation.quote[:80]}” ({citation.source.title})"
            url = admin_change_url(record) if record is not None else None
            rows.append(ReviewRow(kind, str(record) if record else "A record since deleted", detail, url))
        return rows

    def stale_quotes(self) -> list[ReviewRow]:
        """Claims whose quote is not in their source's text (two queries, plus one per kind of record)."""
        claims = with_records(Citation.objects.defer("source__text"))
        sources = Source.objects.prefetch_related(Prefetch("citations", queryset=claims))
        stale = []
        for source in sources:
            text = SourceText(source.text)
            stale += [citation for citation in source.citations.all() if not text.contains(citation.quote)]
        return self.claim_rows(stale)

    def get_context_data(self, **kwargs):
        unresolved = with_records(Citation.objects.unresolved().defer("source__text")).order_by(
            "content_type", "object_id", "field_name"
        )
        inferred = with_records(Citation.objects.filter(qualifier=ClaimQualifier.INFERRED).defer("source__text"))
        uncited = Source.objects.without_text().filter(citations__isnull=True).order_by("title")
        sections = [
            ("unsupported", "Fields no claim supports", self.unsupported_fields()),
            ("disputes", "Disputes with no rank decision", self.claim_rows(unresolved)),
            ("inferred", "Claims inferred by the catalogue", self.claim_rows(inferred)),
            ("stale", "Quotes no longer in their source's text", self.stale_quotes()),
            (
                "uncited",
                "Sources no claim cites yet",
                [
                    ReviewRow("source", s.title, "", reverse("admin:sources_source_change", args=[s.pk]))
                    for s in uncited
                ],
            ),
        ]
        return super().get_context_data(title="Review queue", sections=sections, **kwargs)
