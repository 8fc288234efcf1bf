"""Factories of sources and citations."""

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from sources.models import Citation, Source, SourceKind
from sources.quotes import quote_in_source


class SourceFactory(DjangoModelFactory):
    """A news article published in a given month, with a unique title, slug and URL."""

    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"NHS digital news article {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = SourceKind.NEWS
    publisher = "NHS England"
    author = ""
    published_year = 2020
    published_month = 4
    url = factory.Sequence(lambda n: f"https://example.org/articles/{n}")
    summary = "What the article covers."
    text = factory.Sequence(lambda n: f"Article {n}.\n\nThe NHS announced a programme. It will run for three years.")


class CitationFactory(DjangoModelFactory):
    """A quote supporting a record (an organisation unless ``record=`` is given).

    Give ``field_name`` and ``claimed_value`` to cite one field; two citations of the same field
    with different claimed values make that field disputed. The quote is added to the source's
    text, as if the claim had been checked when saved (``in_source=False`` to leave it out).
    """

    class Meta:
        model = Citation
        exclude = ["record"]
        skip_postgeneration_save = True

    record = factory.SubFactory("organisations.tests.factories.OrganisationFactory")
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    source = factory.SubFactory(SourceFactory)
    field_name = ""
    claimed_value = ""
    quote = factory.Sequence(lambda n: f"A sentence quoted verbatim from the source, number {n}.")
    note = ""

    @factory.post_generation
    def in_source(obj, create, extracted, **kwargs):
        """Append the quote to its source's text unless it is there (``in_source=False`` leaves it out):
        claims the admin and the API would have accepted. One query, and no history row."""
        if not create or extracted is False or not obj.source.text or quote_in_source(obj.quote, obj.source.text):
            return
        obj.source.text = f"{obj.source.text}\n\n{obj.quote}"
        Source.objects.filter(pk=obj.source_id).update(text=obj.source.text)
