"""What funding contributes to the site-wide pages: search, sitemap and timeline (``core.registry``)."""

from core.registry import (
    DatedField,
    SearchHit,
    SearchIndex,
    SitemapSection,
    record_sitemap,
    register_dated_fields,
    register_search,
    register_sitemap,
    register_structured_data,
)
from core.search import DocumentSpec, register_document
from funding.jsonld import award_json_ld
from funding.models import FundingAward, FundingStream


def award_hit(award: FundingAward, query: str) -> SearchHit:
    """An award among search results: how much, from whom, to whom."""
    recipient = award.recipient
    text = award.summary
    if recipient is not None:
        text += f" to {recipient.name}"
    return SearchHit(award.title, award.get_absolute_url(), text + ".")


def describe_award(award: FundingAward) -> str:
    """An award on the timeline: its title, amount as written and funder."""
    return f"{award.title}: {award.summary}"


register_search(
    SearchIndex(
        "funding",
        "Funding awards",
        50,
        FundingAward,
        lambda q: FundingAward.objects.search(q).for_listing(),
        award_hit,
        "funding:award-list",
    )
)
register_sitemap(SitemapSection("funding", 60, record_sitemap(FundingAward, fields=("pk",)), ["funding:award-list"]))
register_dated_fields(
    DatedField(
        FundingAward,
        "announced",
        "Funding announced",
        "Funding award",
        "title",
        order=5,
        describe=describe_award,
        select_related=("funder",),
    )
)
register_structured_data(FundingAward, award_json_ld)


def _award_texts(award) -> list[str]:
    # The amount as "£250000000.00" is read as the same word as "£250m" or "£250 million".
    amount = f"£{award.amount_gbp}" if award.amount_gbp is not None else ""
    return [award.description, award.funder_description, amount]


# What search reads of each record (core.search): one definition for /search/, the API and the lists.
register_document(
    DocumentSpec(
        FundingAward,
        ["title", "description", "funder_description", "amount_gbp"],
        names=lambda award: [award.title],
        texts=_award_texts,
    )
)
register_document(
    DocumentSpec(
        FundingStream,
        ["name", "description"],
        names=lambda stream: [stream.name],
        texts=lambda stream: [stream.description],
    )
)
