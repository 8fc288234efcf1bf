"""A page's lede is the first sentence or two of a description (core.sentences)."""

from core.sentences import LEDE_MAX_CHARACTERS, lede_sentences, sentences
from core.templatetags.catalogue import lede


def test_it_cuts_text_at_full_stops_question_and_exclamation_marks():
    assert sentences("NHSX was set up in 2019. Why? It says so!") == ["NHSX was set up in 2019.", "Why?", "It says so!"]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "It works with bodies, e.g. NHS Digital. Prof. A. B. Morris leads it. St. Thomas' hosts it."

    assert sentences(text) == [
        "It works with bodies, e.g. NHS Digital.",
        "Prof. A. B. Morris leads it.",
        "St. Thomas' hosts it.",
    ]


def test_a_closing_quote_stays_with_its_sentence():
    assert sentences("It calls itself “the digital unit.” It was new.") == [
        "It calls itself “the digital unit.”",
        "It was new.",
    ]


def test_a_decimal_or_lower_case_word_after_a_full_stop_does_not_start_a_sentence():
    assert sentences("It costs £2.5 million. and more") == ["It costs £2.5 million. and more"]


def test_the_lede_is_two_short_sentences_or_else_the_first_one():
    short = "NHSX sets policy. It was created in 2019. It has many staff."
    long_second = "NHSX sets policy. " + "It " + "does a great deal " * 20 + "of work."

    assert lede_sentences(short) == ["NHSX sets policy.", "It was created in 2019."]
    assert lede_sentences(long_second) == ["NHSX sets policy."]
    assert len(" ".join(lede_sentences(short))) <= LEDE_MAX_CHARACTERS


def test_the_lede_filter_collapses_whitespace_and_accepts_nothing():
    assert lede("One.\n\n  Two.   Three.") == "One. Two."
    assert lede(None) == ""
    assert lede("") == ""
