"""Factories of sources and citations."""

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from sources.models import Citation, Source, SourceKind


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


class CitationFactory(DjangoModelFactory):
    """A quote supporting a record (an organisation unless ``record=`` is given).

    Give ``field_name`` and ``claimed_value`` to cite one field; two citations of the same field
    with different claimed values make that field disputed.
    """

    class Meta:
        model = Citation
        exclude = ["record"]

    record = factory.SubFactory("organisations.tests.factories.OrganisationFactory")
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    source = factory.SubFactory(SourceFactory)
    field_name = ""
    claimed_value = ""
    quote = factory.Sequence(lambda n: f"A sentence quoted verbatim from the source, number {n}.")
    note = ""
