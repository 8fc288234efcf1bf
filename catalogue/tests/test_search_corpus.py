"""The search corpus (``search_corpus.json``): each query finds its records among the first five of their kind.

Run on the real catalogue, on whichever database the suite runs on (``.ci/run`` runs it on
SQLite and on PostgreSQL), through the same ``search_catalogue`` as /search/ and /api/search/.
"""

import json
from pathlib import Path

import pytest

from catalogue.search import search_catalogue

CORPUS = json.loads((Path(__file__).parent / "search_corpus.json").read_text())["queries"]
TOP = 5


def test_the_corpus_holds_at_least_forty_queries_with_every_example_of_the_issue():
    queries = {entry["query"] for entry in CORPUS}
    examples = {"artifical intelligence", "AI labs", "NHS-X", "iCAIRD", "HDRUK", "£250m", "nhs ai lab funding"}
    assert len(CORPUS) >= 40
    assert examples <= queries


def test_every_corpus_query_finds_its_records_in_the_first_five(real_catalogue, db):
    missing = []
    for entry in CORPUS:
        found = {group.kind: [hit.title for hit in group.hits] for group in search_catalogue(entry["query"], TOP)}
        for kind, titles in entry["expect"].items():
            for title in titles:
                if title not in found.get(kind, []):
                    why = f"{entry['query']!r} ({entry['forgives']})"
                    missing.append(f"{why}: {kind} {title!r} not in {found.get(kind)}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(("joined", "spaced"), [("HDRUK", "HDR UK"), ("NHSmail", "NHS Mail"), ("StormID", "Storm ID")])
def test_a_name_run_together_finds_as_many_records_as_the_name_spaced(real_catalogue, db, joined, spaced):
    def totals(query):
        return {group.kind: group.total for group in search_catalogue(query, 0)}

    assert totals(joined) == totals(spaced)
    assert totals(joined)


def test_records_matching_every_word_come_before_those_matching_some(real_catalogue, db):
    groups = {group.kind: group for group in search_catalogue("nhs ai lab funding", 50)}
    titles = [hit.title for hit in groups["funding"].hits]

    assert titles[0] == "Government funding for the NHS AI Lab"
    assert "Funding to cut staff login times" in titles  # "funding" alone still finds it, lower down
    assert titles.index("Funding to cut staff login times") > 0
