"""The quote rule (sources.quotes): what counts as the same words, the closest passage, quotes in context."""

from sources.quotes import SourceText, closest_passage, comparable, quote_in_source, quote_problem

APOSTROPHE, LEFT, RIGHT, EN_DASH, EM_DASH = "\u2019", "\u201c", "\u201d", "\u2013", "\u2014"
TEXT = (
    "NHSX publishes first progress report\n\n"
    f"NHSX, the digital unit of the UK{APOSTROPHE}s National Health Service, has reported progress. "
    f"Chief executive Matthew Gould said it was greeted with {LEFT}a mixture of hope{RIGHT}. "
    f"The unit ran from 2019 {EN_DASH} 2020 in London. It then moved."
)


def test_it_finds_a_quote_across_line_breaks_and_extra_spaces():
    assert quote_in_source("first progress report NHSX, the   digital\nunit", TEXT)


def test_it_accepts_straight_quote_marks_and_hyphens_for_typographic_ones():
    assert quote_in_source("the UK's National Health Service", TEXT)
    assert quote_in_source('greeted with "a mixture of hope"', TEXT)
    assert quote_in_source("from 2019 - 2020", TEXT)


def test_it_refuses_any_other_difference():
    assert not quote_in_source("the UKs National Health Service", TEXT)
    assert not quote_in_source("nhsx publishes", TEXT)
    assert not quote_in_source("has reported progress in", TEXT)


def test_it_never_finds_an_empty_quote():
    assert not quote_in_source("   ", TEXT)
    assert not quote_in_source("", TEXT)


def test_comparable_text_keeps_each_position_once_whitespace_is_collapsed():
    assert comparable(f"a  {LEFT}b{RIGHT}\n{EM_DASH}") == 'a "b" -'
    assert len(comparable(TEXT)) == len(" ".join(TEXT.split()))


def test_the_closest_passage_is_the_one_the_editor_misquoted():
    passage = closest_passage("the digital unit of the British National Health Service", TEXT)

    assert passage == f"the digital unit of the UK{APOSTROPHE}s National Health Service,"


def test_a_refusal_names_the_source_and_shows_the_closest_passage():
    problem = quote_problem("has reported much progress", TEXT, "Computer Weekly")

    assert "not in “Computer Weekly”" in problem
    assert "closest passage of the source is: “has reported progress." in problem
    assert quote_problem("has reported progress", TEXT, "Computer Weekly") is None


def test_a_source_without_text_is_said_to_have_none():
    problem = quote_problem("anything", " \n", "An article")

    assert "“An article” has no text yet" in problem


def test_it_shows_a_quote_with_the_sentence_before_and_after():
    passage = SourceText(TEXT).find("it was greeted with")

    assert passage.before.startswith("NHSX, the digital unit")
    assert passage.lead == "Chief executive Matthew Gould said "
    assert passage.quote == "it was greeted with"
    assert passage.tail == f" {LEFT}a mixture of hope{RIGHT}."
    assert passage.after.startswith("The unit ran from 2019")


def test_a_line_break_ends_a_sentence_and_the_quote_is_shown_as_the_source_writes_it():
    passage = SourceText(TEXT).find("the UK's National")

    assert passage.before == "NHSX publishes first progress report"
    assert passage.quote == f"the UK{APOSTROPHE}s National"
    assert SourceText(TEXT).find("not in the text") is None


def test_search_lists_each_sentence_holding_the_words_once():
    sentences = SourceText(TEXT).search("nhsx")

    assert sentences == [
        "NHSX publishes first progress report",
        f"NHSX, the digital unit of the UK{APOSTROPHE}s National Health Service, has reported progress.",
    ]
    assert SourceText(TEXT).search("  ") == []
